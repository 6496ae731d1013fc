package org.marlbench.bench.stats;

import java.util.Locale;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * A ratio current / reference of one metric, estimated on the log scale: the point ratio, its
 * 95 % interval (Student's t with {@code degreesOfFreedom}), the standard error of the log ratio,
 * and the minimum detectable effect: the smallest change this run would catch 80 % of the time at
 * the 5 % level, (t(0.975) + t(0.80)) x standard error. {@code method} says which variance it rests on.
 */
public record RatioEstimate(double ratio, double low, double high, double degreesOfFreedom, double standardErrorLog,
                            double mdePercent, String method) {

    static RatioEstimate of(double logRatio, double standardErrorLog, double degreesOfFreedom, String method) {
        TDistribution t = new TDistribution(degreesOfFreedom);
        double t975 = t.inverseCumulativeProbability(0.975);
        double t80 = t.inverseCumulativeProbability(0.80);
        return new RatioEstimate(Math.exp(logRatio), Math.exp(logRatio - t975 * standardErrorLog),
                Math.exp(logRatio + t975 * standardErrorLog), degreesOfFreedom, standardErrorLog,
                (Math.exp((t975 + t80) * standardErrorLog) - 1) * 100, method);
    }

    /** The interval half-width on the log scale. */
    public double halfWidthLog() {
        return (Math.log(high) - Math.log(low)) / 2;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ratio %.3f, 95%% CI [%.3f, %.3f], df %.1f, MDE %.1f %% (%s)",
                ratio, low, high, degreesOfFreedom, mdePercent, method);
    }
}
