package org.marlbench.bench.baseline;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded bootstrap of the ratio of one percentile, current / baseline, resampling both recorded
 * histograms independently with replacement.
 *
 * <p>Resampling n values from a histogram (multinomial over its buckets) and taking the
 * percentile of rank k = ceil(p n) is done exactly and in O(log buckets): the k-th smallest of
 * n uniforms is Beta(k, n - k + 1) distributed and the histogram's quantile function is
 * monotone, so the resampled percentile is quantile(Beta(k, n - k + 1)). Same distribution as
 * drawing n samples, without drawing them; so 2000 resamples of a 600 000-request run are cheap.
 */
public final class PercentileBootstrap {
    public static final int DEFAULT_RESAMPLES = 2000;

    private PercentileBootstrap() {
    }

    public static RatioInterval ratio(LatencyDistribution baseline, LatencyDistribution current,
                                      double quantile, int resamples, long seed) {
        double point = current.quantileMicros(quantile) / baseline.quantileMicros(quantile);
        SplittableRandom random = new SplittableRandom(seed);
        double[] ratios = new double[resamples];
        for (int i = 0; i < resamples; i++) {
            double cur = current.quantileMicros(resampledLevel(random, current.count(), quantile));
            double base = baseline.quantileMicros(resampledLevel(random, baseline.count(), quantile));
            ratios[i] = cur / base;
        }
        Arrays.sort(ratios);
        return new RatioInterval(point, ratios[(int) Math.floor(0.025 * (resamples - 1))],
                ratios[(int) Math.ceil(0.975 * (resamples - 1))]);
    }

    /** The quantile level of the k-th order statistic of n uniforms, k = ceil(p n). */
    static double resampledLevel(SplittableRandom random, long n, double quantile) {
        long k = Math.max(1, (long) Math.ceil(quantile * n));
        double x = gamma(random, k);
        double y = gamma(random, n - k + 1);
        return x / (x + y);
    }

    /** Marsaglia-Tsang gamma(shape, 1) sampler; shape >= 1 here (k and n-k+1 are at least 1). */
    static double gamma(SplittableRandom random, double shape) {
        double d = shape - 1.0 / 3.0;
        double c = 1.0 / Math.sqrt(9.0 * d);
        while (true) {
            double x = normal(random);
            double v = 1.0 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = random.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }

    private static double normal(SplittableRandom random) {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }
}
