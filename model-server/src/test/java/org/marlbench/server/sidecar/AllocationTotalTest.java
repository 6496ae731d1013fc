package org.marlbench.server.sidecar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** process.allocatedBytes and process.heapUsedAfterGcBytes. */
class AllocationTotalTest {

    @Test
    void aThreadThatDiedKeepsItsLastFigure() {
        AllocationTotal total = new AllocationTotal();
        assertEquals(300, total.update(new long[] {1, 2}, new long[] {100, 200}));
        assertEquals(350, total.update(new long[] {2}, new long[] {250}), "thread 1 died: its 100 stay counted");
        assertEquals(370, total.update(new long[] {2, 3}, new long[] {260, 10}));
        assertEquals(370, total.update(new long[] {2, 3, 4}, new long[] {260, 10, -1}), "-1: not measured, not counted");
        assertEquals(370, total.update(new long[] {}, new long[] {}), "all gone: the total stays");
    }

    @Test
    void theSamplerSeesAllocationAndHeapAfterGc() {
        try (ResourceSampler s = new ResourceSampler(50, 1, InferenceCounters.NONE).start()) {
            ResourceSample first = s.latest();
            assertNotNull(first.process().allocatedBytes(), "HotSpot counts allocation per thread");
            byte[][] keep = new byte[64][];
            for (int i = 0; i < keep.length; i++) keep[i] = new byte[1 << 20]; // 64 MiB on this thread
            System.gc();
            ResourceSample later = sampleAfter(s, System.currentTimeMillis());
            assertTrue(later.process().allocatedBytes() - first.process().allocatedBytes() >= 64L << 20,
                    first.process() + " -> " + later.process());
            Long afterGc = later.process().heapUsedAfterGcBytes();
            assertNotNull(afterGc, "heap pools report their usage after a collection");
            assertTrue(afterGc >= 60L << 20, "the 64 MiB kept survive the collection: " + afterGc);
            assertTrue(afterGc <= later.process().heapMaxBytes() || later.process().heapMaxBytes() < 0);
            assertEquals(64, keep.length);
        }
    }

    @Test
    void heapAfterGcSumsTheHeapPoolsOnly() {
        Long v = JvmMemory.heapUsedAfterGc(ManagementFactory.getMemoryPoolMXBeans());
        assertNotNull(v);
        assertTrue(v >= 0);
        assertEquals(null, JvmMemory.heapUsedAfterGc(java.util.List.of()));
    }

    /** The first sample taken after the given instant. */
    private static ResourceSample sampleAfter(ResourceSampler s, long afterMs) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            ResourceSample now = s.latest();
            if (now.timestampMs() > afterMs) return now;
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("no new sample in 10 s");
    }
}
