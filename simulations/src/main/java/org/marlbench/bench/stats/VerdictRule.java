package org.marlbench.bench.stats;

import java.util.Locale;

/**
 * Turns a ratio estimate into a verdict with threshold T. With w the ratio in the "worse"
 * direction (current/reference for latencies and CPU, reference/current for throughput):
 * <ul>
 *   <li><b>regressed</b>: w > 1 + T and the 95 % interval of w lies above 1 (worse by more than T, and significantly worse);</li>
 *   <li><b>improved</b>: w < 1 / (1 + T) and the interval lies below 1;</li>
 *   <li><b>inconclusive</b>: not regressed, but the interval reaches above 1 + T (a regression beyond T cannot be excluded);</li>
 *   <li><b>unchanged</b>: otherwise (the interval excludes a regression beyond T).</li>
 * </ul>
 */
public final class VerdictRule {
    private VerdictRule() {
    }

    public record Judged(Verdict verdict, String rule, double decideFactor) {
    }

    /**
     * @return the verdict, its reason in words, and for an inconclusive one the factor by which the
     *         variance must shrink to decide (about: how many times longer to run); 1 otherwise
     */
    public static Judged judge(RatioEstimate e, double thresholdPercent, boolean higherIsWorse) {
        double t = thresholdPercent / 100.0;
        double w = higherIsWorse ? e.ratio() : 1 / e.ratio();
        double wLow = higherIsWorse ? e.low() : 1 / e.high();
        double wHigh = higherIsWorse ? e.high() : 1 / e.low();
        String worse = higherIsWorse ? "current/reference" : "reference/current";
        String facts = String.format(Locale.ROOT, "%s %.3f, 95%% CI [%.3f, %.3f]", worse, w, wLow, wHigh);
        double up = 1 + t;
        if (w > up && wLow > 1) {
            return new Judged(Verdict.REGRESSED, facts + String.format(Locale.ROOT,
                    ": worse by more than %.0f %% and the interval excludes 1", thresholdPercent), 1);
        }
        if (w < 1 / up && wHigh < 1) {
            return new Judged(Verdict.IMPROVED, facts + String.format(Locale.ROOT,
                    ": better by more than %.0f %% and the interval excludes 1", thresholdPercent), 1);
        }
        if (wHigh > up) {
            // To decide, the half-width must shrink to the distance from the estimate to the boundary it straddles.
            double logW = Math.log(w);
            double needed = w > up ? logW : Math.log(up) - logW;
            double factor = needed <= 0 ? Double.POSITIVE_INFINITY : Math.pow(e.halfWidthLog() / needed, 2);
            return new Judged(Verdict.INCONCLUSIVE, facts + String.format(Locale.ROOT,
                    ": the interval reaches above %.3f, so a regression beyond %.0f %% is neither shown nor excluded",
                    up, thresholdPercent), factor);
        }
        return new Judged(Verdict.UNCHANGED, facts + String.format(Locale.ROOT,
                ": the interval excludes a regression beyond %.0f %%", thresholdPercent), 1);
    }
}
