package org.marlbench.bench.results;

import org.HdrHistogram.Histogram;
import org.marlbench.bench.stats.Histograms;
import org.marlbench.bench.stats.LatencyDistribution;

/** A {@code <latency block>} of stats.json: summary numbers in µs plus the encoded histogram. */
public record LatencyBlock(long count, long minMicros, long p50Micros, long p75Micros, long p90Micros, long p95Micros,
                           long p99Micros, long p999Micros, long maxMicros, double meanMicros, double stdMicros,
                           String histogram, String histogramUnit, int significantDigits) {

    public static LatencyBlock of(Histogram h) {
        long n = h.getTotalCount();
        return new LatencyBlock(n, n == 0 ? 0 : h.getMinValue(), h.getValueAtPercentile(50), h.getValueAtPercentile(75),
                h.getValueAtPercentile(90), h.getValueAtPercentile(95), h.getValueAtPercentile(99),
                h.getValueAtPercentile(99.9), n == 0 ? 0 : h.getMaxValue(), n == 0 ? 0.0 : h.getMean(),
                n == 0 ? 0.0 : h.getStdDeviation(), Histograms.encode(h), "micros", Histograms.SIGNIFICANT_DIGITS);
    }

    /** The recorded distribution; IllegalArgumentException when the histogram text is broken. */
    public LatencyDistribution distribution() {
        return LatencyDistribution.decode(histogram);
    }

    /** Summary percentile by level 50, 95 or 99 (µs). */
    public long percentileMicros(int level) {
        return switch (level) {
            case 50 -> p50Micros;
            case 75 -> p75Micros;
            case 90 -> p90Micros;
            case 95 -> p95Micros;
            case 99 -> p99Micros;
            default -> throw new IllegalArgumentException("no summary field for p" + level);
        };
    }
}
