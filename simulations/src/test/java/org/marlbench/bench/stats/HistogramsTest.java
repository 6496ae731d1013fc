package org.marlbench.bench.stats;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class HistogramsTest {

    /** Long-tailed latencies between ~50 µs and ~200 ms. */
    static long[] knownData(long seed, int n) {
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
        Histogram h = Histograms.newConcurrent();
        for (long v : data) Histograms.record(h, v);
        long[] sorted = data.clone();
        Arrays.sort(sorted);
        for (double p : new double[] {50, 75, 90, 95, 99, 99.9}) {
            long exact = exactPercentile(sorted, p);
            long hdr = h.getValueAtPercentile(p);
            assertTrue(Math.abs(hdr - exact) <= exact * 0.001, "p" + p + ": hdr " + hdr + " exact " + exact);
            assertEquals(hdr, LatencyDistribution.of(h).quantileMicros(p / 100), exact * 0.001, "the distribution agrees");
        }
        assertEquals(sorted[0], h.getMinValue());
    }

    @Test
    void encodeDecodeRoundTripIsExactAndMergeable() {
        Histogram a = Histograms.newConcurrent();
        Histogram b = Histograms.newConcurrent();
        Histogram all = Histograms.newConcurrent();
        for (long v : knownData(1, 5_000)) { Histograms.record(a, v); Histograms.record(all, v); }
        for (long v : knownData(2, 7_000)) { Histograms.record(b, v); Histograms.record(all, v); }
        Histogram back = Histograms.decode(Histograms.encode(a));
        assertEquals(a.getTotalCount(), back.getTotalCount());
        assertEquals(a.getMean(), back.getMean(), 1e-9);
        back.add(Histograms.decode(Histograms.encode(b)));
        assertEquals(all, back, "merging decoded histograms equals recording everything in one");
        assertThrows(IllegalArgumentException.class, () -> Histograms.decode("AAAA"));
    }

    @Test
    void outOfRangeValuesAreClampedNeverDropped() {
        Histogram h = Histograms.newPlain();
        Histograms.record(h, -5);
        Histograms.record(h, Histograms.HIGHEST_MICROS * 10);
        assertEquals(2, h.getTotalCount());
    }

    @Test
    void sampleSizeRuleMatchesTheFormula() {
        assertEquals(7, SampleSizeRule.minimumSamples(0.50));
        assertEquals(90, SampleSizeRule.minimumSamples(0.95));
        assertEquals(459, SampleSizeRule.minimumSamples(0.99));
    }
}
