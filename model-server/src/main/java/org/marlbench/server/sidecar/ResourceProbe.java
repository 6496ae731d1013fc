package org.marlbench.server.sidecar;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.util.List;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;
import oshi.util.GlobalConfig;

/**
 * Takes one resource reading: the process and machine from OSHI, the JVM from its MXBeans.
 * CPU percentages are over the interval since the previous reading, so one probe is used by one
 * thread (the sampler) at a time. The first CPU figure needs a full sampling interval of wall time
 * since the baseline taken at construction (90 % of it, for scheduling jitter): with the kernel's
 * 10 ms ticks, a reading over a few ms is noise (e.g. 222 % on 2 cores at start-up), so until then
 * CPU reads 0 and the baseline is kept. Later readings use whatever interval passed (the schedule's
 * catch-up after a late sample can make one gap shorter).
 *
 * <p>Beyond SPEC, for the soak run's leak verdict: heap used after GC ({@link JvmMemory}), bytes
 * allocated so far ({@link AllocationTotal}) and the engine's live native arrays (from the counters).
 */
public final class ResourceProbe {
    private final OperatingSystem os;
    private final CentralProcessor processor;
    private final GlobalMemory memory;
    private final GpuProbe gpu;
    private final int pid;
    private final MemoryMXBean jvmMemory = ManagementFactory.getMemoryMXBean();
    private final ThreadMXBean jvmThreads = ManagementFactory.getThreadMXBean();
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans();
    /** HotSpot's per-thread allocation counters; null on a JVM without them. */
    private final com.sun.management.ThreadMXBean allocationCounters = allocationCounters(jvmThreads);
    private final AllocationTotal allocated = new AllocationTotal();

    private final long minWallMs;
    private OSProcess previousProcess;
    private long[] previousTicks;
    private long previousTicksAtNanos;
    private boolean processCpuStarted;
    private boolean systemCpuStarted;

    /**
     * OSHI caches readings such as the CPU ticks for 300 ms by default: sampled every 250 ms that
     * alternates 0 % and a double interval. 10 ms keeps every sample fresh; it must be set before
     * OSHI's memoizer is first used, i.e. before the first SystemInfo.
     */
    static final int OSHI_CACHE_MS = 10;

    /** @param intervalMs the sampling interval: CPU is reported over at least (90 % of) this much wall time */
    public ResourceProbe(long intervalMs) {
        this.minWallMs = Math.max(1, intervalMs - intervalMs / 10);
        GlobalConfig.set(GlobalConfig.OSHI_UTIL_MEMOIZER_EXPIRATION, OSHI_CACHE_MS);
        SystemInfo si = new SystemInfo();
        this.os = si.getOperatingSystem();
        this.processor = si.getHardware().getProcessor();
        this.memory = si.getHardware().getMemory();
        this.gpu = new GpuProbe(si.getHardware());
        this.pid = os.getProcessId();
        this.previousProcess = os.getProcess(pid);
        this.previousTicks = processor.getSystemCpuLoadTicks();
        this.previousTicksAtNanos = System.nanoTime();
    }

    public ResourceSample read(long timestampMs, InferenceCounters counters) {
        return new ResourceSample(timestampMs, readProcess(), readSystem(), gpu.read(),
                new ResourceSample.InferenceUsage(counters.requests(), counters.errors(),
                        counters.inFlight(), counters.fallbacks(), counters.nativeArrays()));
    }

    private static com.sun.management.ThreadMXBean allocationCounters(ThreadMXBean threads) {
        if (!(threads instanceof com.sun.management.ThreadMXBean hotspot)) return null;
        try {
            if (!hotspot.isThreadAllocatedMemorySupported()) return null;
            if (!hotspot.isThreadAllocatedMemoryEnabled()) hotspot.setThreadAllocatedMemoryEnabled(true);
            return hotspot;
        } catch (UnsupportedOperationException | SecurityException e) {
            return null;
        }
    }

    /** Bytes allocated by the JVM's threads so far ({@link AllocationTotal}); null when the JVM cannot tell. */
    private Long allocatedBytes() {
        if (allocationCounters == null) return null;
        long[] ids = allocationCounters.getAllThreadIds();
        return allocated.update(ids, allocationCounters.getThreadAllocatedBytes(ids));
    }

    private ResourceSample.ProcessUsage readProcess() {
        OSProcess now = os.getProcess(pid);
        long rss = 0;
        double cpuPercent = 0;
        if (now != null) {
            rss = now.getResidentMemory();
            long wallMs = previousProcess == null ? minWallMs : now.getUpTime() - previousProcess.getUpTime();
            if (processCpuStarted ? wallMs > 0 : wallMs >= minWallMs) {
                processCpuStarted = true;
                if (previousProcess != null) {
                    // CPU time over wall time since the last reading, summed over cores: 200 = two busy.
                    long cpuMs = now.getKernelTime() + now.getUserTime()
                            - previousProcess.getKernelTime() - previousProcess.getUserTime();
                    cpuPercent = Math.max(0, 100.0 * cpuMs / wallMs);
                }
                previousProcess = now;
            }
        }
        MemoryUsage heap = jvmMemory.getHeapMemoryUsage();
        MemoryUsage nonHeap = jvmMemory.getNonHeapMemoryUsage();
        long gcCount = 0;
        long gcTimeMs = 0;
        for (GarbageCollectorMXBean gc : collectors) {
            gcCount += Math.max(0, gc.getCollectionCount()); // -1 = undefined for this collector
            gcTimeMs += Math.max(0, gc.getCollectionTime());
        }
        return new ResourceSample.ProcessUsage(rss, heap.getUsed(), heap.getMax(), nonHeap.getUsed(),
                cpuPercent, jvmThreads.getThreadCount(), gcCount, gcTimeMs, JvmMemory.heapUsedAfterGc(pools),
                allocatedBytes());
    }

    private ResourceSample.SystemUsage readSystem() {
        double cpuPercent = 0;
        long nowNanos = System.nanoTime();
        if (systemCpuStarted || (nowNanos - previousTicksAtNanos) / 1_000_000 >= minWallMs) {
            systemCpuStarted = true;
            cpuPercent = 100.0 * processor.getSystemCpuLoadBetweenTicks(previousTicks);
            previousTicks = processor.getSystemCpuLoadTicks();
            previousTicksAtNanos = nowNanos;
        }
        double load1m = processor.getSystemLoadAverage(1)[0];
        return new ResourceSample.SystemUsage(cpuPercent, processor.getLogicalProcessorCount(),
                memory.getTotal(), memory.getAvailable(), load1m);
    }
}
