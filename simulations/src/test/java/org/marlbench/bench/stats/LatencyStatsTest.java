package org.marlbench.bench.stats;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.OptionalLong;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencyStatsTest {

    /** Long-tailed latencies between ~50 µs and ~200 ms. */
    private static long[] knownData(long seed, int n) {
        Random r = new Random(seed);
        long[] v = new long[n];
        for (int i = 0; i < n; i++) v[i] = 50 + (long) Math.exp(4 + 3 * Math.abs(r.nextGaussian()));
        return v;
    }

    private static long exactPercentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    @Test
    void percentilesWithinOneTenthPercentOfExact() {
        long[] data = knownData(7, 100_000);
        Histogram h = LatencyHistograms.newConcurrent();
        for (long v : data) LatencyHistograms.record(h, v);
        long[] sorted = data.clone();
        Arrays.sort(sorted);
        for (double p : new double[] {50, 75, 90, 95, 99, 99.9}) {
            long exact = exactPercentile(sorted, p);
            long hdr = h.getValueAtPercentile(p);
            assertTrue(Math.abs(hdr - exact) <= exact * 0.001, "p" + p + ": hdr " + hdr + " exact " + exact);
        }
        assertEquals(sorted[0], h.getMinValue());
        assertTrue(Math.abs(h.getMaxValue() - sorted[sorted.length - 1]) <= sorted[sorted.length - 1] * 0.001);
    }

    @Test
    void encodeDecodeRoundTripIsExact() {
        Histogram h = LatencyHistograms.newConcurrent();
        for (long v : knownData(3, 10_000)) LatencyHistograms.record(h, v);
        Histogram back = LatencyBlock.decode(LatencyBlock.encode(h));
        assertEquals(h.getTotalCount(), back.getTotalCount());
        for (double p : new double[] {0, 50, 99, 99.9, 100}) {
            assertEquals(h.getValueAtPercentile(p), back.getValueAtPercentile(p));
        }
        assertEquals(h.getMean(), back.getMean(), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> LatencyBlock.decode("AAAA"));
    }

    @Test
    void twoHistogramsMergeExactly() {
        long[] a = knownData(1, 5_000);
        long[] b = knownData(2, 7_000);
        Histogram ha = LatencyHistograms.newConcurrent();
        Histogram hb = LatencyHistograms.newConcurrent();
        Histogram all = LatencyHistograms.newConcurrent();
        for (long v : a) { LatencyHistograms.record(ha, v); LatencyHistograms.record(all, v); }
        for (long v : b) { LatencyHistograms.record(hb, v); LatencyHistograms.record(all, v); }
        Histogram merged = LatencyBlock.decode(LatencyBlock.encode(ha));
        merged.add(LatencyBlock.decode(LatencyBlock.encode(hb)));
        assertEquals(all, merged, "merging decoded histograms equals recording everything in one");
    }

    @Test
    void requestStatsCountsFailuresAndServerTimings() throws Exception {
        RequestStats s = new RequestStats("decision");
        long t0 = System.nanoTime();
        s.record(t0, t0 + 1_500_000, true, OptionalLong.of(900), OptionalLong.of(400));
        s.record(t0 + 2_000_000, t0 + 2_250_400, false, OptionalLong.empty(), OptionalLong.empty());
        assertEquals(2, s.count());
        assertEquals(1, s.failures());
        assertEquals(0.5, s.errorRate());
        assertEquals(2, s.client().getTotalCount());
        assertEquals(1500, s.client().getMaxValue(), 1);
        assertEquals(250, s.client().getMinValue(), 1);
        assertEquals(1, s.serverTotal().getTotalCount());
        assertEquals(400, s.serverModel().getValueAtPercentile(50));
        assertEquals(0.00225040, s.windowSeconds(), 1e-9);
        assertEquals(2 / 0.00225040, s.throughputPerSecond(), 1e-6);
    }

    @Test
    void recordingIsThreadSafe() throws Exception {
        RequestStats s = new RequestStats("decision");
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 25_000; i++) {
                    long now = System.nanoTime();
                    s.record(now, now + 1000 * (1 + i % 100), true, OptionalLong.of(5), OptionalLong.of(3));
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) t.join();
        assertEquals(100_000, s.count());
        assertEquals(100_000, s.client().getTotalCount());
        assertEquals(100_000, s.serverTotal().getTotalCount());
    }
}
