package org.marlbench.server.sidecar;

import java.util.List;

/** One reading of the resource sampler, in the shape of SPEC section 2 (GET /sidecar/resources). */
public record ResourceSample(
        long timestampMs,
        ProcessUsage process,
        SystemUsage system,
        List<GpuUsage> gpu,
        InferenceUsage inference) {

    /**
     * @param cpuPercent process CPU over all cores since the previous sample: 200 = two cores busy
     * @param gcCount    collections summed over all collectors
     * @param gcTimeMs   collection time summed over all collectors
     * @param heapUsedAfterGcBytes beyond SPEC: heap used right after the last collection of each heap pool,
     *                   summed over the pools ({@link JvmMemory#heapUsedAfterGc}); null when no pool says
     * @param allocatedBytes beyond SPEC: bytes allocated on the heap by the JVM's threads so far
     *                   ({@link AllocationTotal}); null when the JVM cannot tell
     */
    public record ProcessUsage(long rssBytes, long heapUsedBytes, long heapMaxBytes, long nonHeapUsedBytes,
                               double cpuPercent, int threads, long gcCount, long gcTimeMs,
                               Long heapUsedAfterGcBytes, Long allocatedBytes) {
        /** SPEC's fields only. */
        public ProcessUsage(long rssBytes, long heapUsedBytes, long heapMaxBytes, long nonHeapUsedBytes,
                            double cpuPercent, int threads, long gcCount, long gcTimeMs) {
            this(rssBytes, heapUsedBytes, heapMaxBytes, nonHeapUsedBytes, cpuPercent, threads, gcCount, gcTimeMs, null, null);
        }
    }

    /**
     * @param cpuPercent    whole-machine CPU busy since the previous sample, 0..100
     * @param loadAverage1m 1-minute load average, negative where the OS has none
     */
    public record SystemUsage(double cpuPercent, int cores, long memoryTotalBytes, long memoryAvailableBytes,
                              double loadAverage1m) {
    }

    public record GpuUsage(int index, String name, long memoryUsedBytes, long memoryTotalBytes) {
    }

    /** @param nativeArrays beyond SPEC: the engine's live NDArrays ({@link InferenceCounters#nativeArrays()}), null when unknown */
    public record InferenceUsage(long requests, long errors, long inFlight, long fallbacks, Long nativeArrays) {
        /** SPEC's fields only. */
        public InferenceUsage(long requests, long errors, long inFlight, long fallbacks) {
            this(requests, errors, inFlight, fallbacks, null);
        }
    }
}
