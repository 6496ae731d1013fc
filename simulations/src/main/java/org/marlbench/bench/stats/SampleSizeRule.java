package org.marlbench.bench.stats;

/**
 * How many samples a percentile claim needs: with n samples the chance that none exceeds the
 * true p-quantile is p^n, so 99 % confidence that the maximum lies above it needs
 * n >= ceil(ln(0.01) / ln(p)) -- p50: 7, p95: 90, p99: 459.
 */
public final class SampleSizeRule {
    private SampleSizeRule() {
    }

    public static long minimumSamples(double quantile) {
        return (long) Math.ceil(Math.log(0.01) / Math.log(quantile));
    }

    public static boolean enough(long count, double quantile) {
        return count >= minimumSamples(quantile);
    }
}
