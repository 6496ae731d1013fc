package org.marlbench.server.sidecar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceSamplerTest {

    /** Counters with fixed values, to see them carried into the sample unchanged. */
    private static final InferenceCounters COUNTERS = new InferenceCounters() {
        public long requests() { return 11; }
        public long errors() { return 2; }
        public long inFlight() { return 1; }
        public long fallbacks() { return 3; }
    };

    @Test
    void aSampleIsPlausible() {
        try (ResourceSampler s = new ResourceSampler(50, 1, COUNTERS).start()) {
            ResourceSample r = s.latest();
            assertNotNull(r, "a first sample is taken at start");
            assertTrue(r.process().rssBytes() > 10_000_000, "a JVM has more than 10 MB resident: " + r.process());
            assertTrue(r.process().heapMaxBytes() > 0);
            assertTrue(r.process().heapUsedBytes() > 0);
            assertTrue(r.process().nonHeapUsedBytes() > 0);
            assertTrue(r.process().threads() >= 2);
            assertTrue(r.process().cpuPercent() >= 0);
            assertTrue(r.system().cores() >= 1);
            assertTrue(r.system().memoryTotalBytes() >= r.system().memoryAvailableBytes());
            assertTrue(r.system().memoryAvailableBytes() > 0);
            assertTrue(r.system().cpuPercent() >= 0 && r.system().cpuPercent() <= 100.0001);
            assertEquals(new ResourceSample.InferenceUsage(11, 2, 1, 3), r.inference());
            assertTrue(Math.abs(System.currentTimeMillis() - r.timestampMs()) < 10_000);
        }
    }

    /**
     * Process CPU is summed over cores (200 = two busy). Checked against the JVM's own CPU time
     * over the same window; the machine is shared, so "all cores busy" is measured, not assumed.
     */
    @Test
    void processCpuCountsEveryCore() throws Exception {
        com.sun.management.OperatingSystemMXBean jvm =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        try (ResourceSampler s = new ResourceSampler(100, 1, COUNTERS).start()) {
            int cores = s.latest().system().cores();
            long startMs = System.currentTimeMillis();
            long cpu0 = jvm.getProcessCpuTime();
            long until = startMs + 1000;
            Thread[] burners = new Thread[cores];
            for (int i = 0; i < cores; i++) {
                burners[i] = new Thread(() -> {
                    long x = 0;
                    while (System.currentTimeMillis() < until) x += System.nanoTime() % 7;
                    if (x == 42) System.out.print("");
                });
                burners[i].start();
            }
            for (Thread t : burners) t.join();
            long endMs = System.currentTimeMillis();
            double jvmPercent = 100.0 * (jvm.getProcessCpuTime() - cpu0) / 1e6 / (endMs - startMs);
            // Samples whose whole interval lies inside the burn.
            double sampled = s.since(startMs + 110).stream().filter(r -> r.timestampMs() <= endMs)
                    .mapToDouble(r -> r.process().cpuPercent()).average().orElseThrow();
            assertEquals(jvmPercent, sampled, 40, "sampler vs JVM CPU time over the same second");
            // Every sample is a fresh reading: with all cores burning, no interval reads an idle machine.
            s.since(startMs + 110).stream().filter(r -> r.timestampMs() <= endMs).forEach(r ->
                    assertTrue(r.system().cpuPercent() > 20, "system CPU while every core burns: " + r.system()));
            assertTrue(sampled <= cores * 100 + 25, "at most cores x 100: " + sampled);
            if (jvmPercent > 130) assertTrue(sampled > 100, "two cores busy reads over 100 %: " + sampled);
        }
    }

    /**
     * Regression: the first sample's CPU was computed over a few ms with 10 ms tick resolution
     * (222 % on 2 cores). Until one full interval has passed, CPU reads 0; after it, a real figure.
     */
    @Test
    void cpuIsZeroUntilAFullIntervalHasPassed() throws Exception {
        ResourceProbe probe = new ResourceProbe(400);
        long t0 = System.nanoTime();
        burn(60); // busy, but far less than one interval
        ResourceSample early = probe.read(System.currentTimeMillis(), COUNTERS);
        assertEquals(0.0, early.process().cpuPercent(), 0, "process CPU over 60 ms of a 400 ms interval");
        assertEquals(0.0, early.system().cpuPercent(), 0, "system CPU over 60 ms of a 400 ms interval");
        burn(400 - (System.nanoTime() - t0) / 1_000_000 + 20);
        ResourceSample full = probe.read(System.currentTimeMillis(), COUNTERS);
        assertTrue(full.process().cpuPercent() > 30, "busy over the whole interval: " + full.process());
        assertTrue(full.system().cpuPercent() > 0, "system CPU over a full interval: " + full.system());
    }

    private static void burn(long ms) {
        long until = System.nanoTime() + ms * 1_000_000;
        long x = 0;
        while (System.nanoTime() < until) x += System.nanoTime() % 7;
        if (x == 42) System.out.print("");
    }

    @Test
    void seriesGrowsAndSinceFilters() throws Exception {
        try (ResourceSampler s = new ResourceSampler(20, 1, InferenceCounters.NONE).start()) {
            Thread.sleep(300);
            List<ResourceSample> all = s.since(Long.MIN_VALUE);
            assertTrue(all.size() >= 5, "series should grow every 20 ms, has " + all.size());
            for (int i = 1; i < all.size(); i++) {
                assertTrue(all.get(i).timestampMs() >= all.get(i - 1).timestampMs(), "oldest first");
            }
            long cut = all.get(all.size() / 2).timestampMs();
            List<ResourceSample> recent = s.since(cut);
            assertTrue(recent.size() < all.size() && !recent.isEmpty());
            assertTrue(recent.stream().allMatch(r -> r.timestampMs() >= cut));
            assertEquals(0, s.since(System.currentTimeMillis() + 60_000).size());
        }
    }

    @Test
    void ringCapacityIsRetentionOverInterval() {
        assertEquals(7200, ResourceSampler.ringCapacity(250, 30));
        assertThrows(IllegalArgumentException.class, () -> new ResourceSampler(0, 30, InferenceCounters.NONE));
    }

    @Test
    void ringDropsTheOldest() {
        SampleRing ring = new SampleRing(3);
        for (long t = 1; t <= 5; t++) {
            ring.add(new ResourceSample(t, null, null, List.of(), null), ("{\"t\":" + t + "}").getBytes());
        }
        assertEquals(3, ring.size());
        assertEquals(List.of(3L, 4L, 5L), ring.since(Long.MIN_VALUE).stream().map(ResourceSample::timestampMs).toList());
        assertEquals(5L, ring.latest().timestampMs());
        assertEquals(List.of(4L, 5L), ring.since(4).stream().map(ResourceSample::timestampMs).toList());
    }
}
