package org.marlbench.bench.baseline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Compares one run with its baseline, metric by metric, with threshold T = the run's
 * config.regressionThresholdPercent / 100 (documented in results-baseline/README.md):
 * <ul>
 *   <li>latency percentiles (client and server model, p50/p95/p99): both runs need
 *       n >= ceil(ln 0.01 / ln p) samples, else "not enough data". Regressed when the ratio
 *       current/baseline is above 1+T AND the lower end of its 95 % bootstrap interval is above
 *       1+T/2; improved when the ratio is below 1/(1+T) AND the upper end is below 1/(1+T/2);
 *       otherwise unchanged (a large ratio whose interval reaches into the noise is unchanged).</li>
 *   <li>throughput: both runs need a measured window of at least 5 s (count / throughput), else
 *       "not enough data" -- a rate over a few sequential requests is a latency, not a throughput;
 *       regressed below baseline x (1-T), improved above baseline x (1+T).</li>
 *   <li>error rate: regressed when it rose by more than 1 percentage point, improved when fell by more.</li>
 *   <li>memory increase and CPU mean: both runs need a measured window of at least 5 s, else
 *       "not enough data" (one or two 250 ms samples).</li>
 *   <li>memory increase: regressed above baseline x (1+T) AND more than 16 MiB above it.</li>
 *   <li>CPU mean: regressed above baseline x (1+T) AND more than 5 points (of one core) above it.</li>
 * </ul>
 */
public final class BaselineComparator {
    static final double[] QUANTILES = {0.50, 0.95, 0.99};
    static final double ERROR_RATE_POINTS = 1.0;
    static final double MEMORY_FLOOR_MB = 16.0;
    static final double CPU_FLOOR_POINTS = 5.0;
    static final double MIN_WINDOW_SECONDS = 5.0;
    private static final long SEED = 0x5EED_BA5EL;

    private final int resamples;

    public BaselineComparator(int resamples) {
        this.resamples = resamples;
    }

    public BaselineComparator() {
        this(PercentileBootstrap.DEFAULT_RESAMPLES);
    }

    public List<MetricComparison> compare(StatsDocument baseline, StatsDocument current) throws StatsFileException {
        double threshold = current.regressionThresholdPercent() / 100.0;
        List<MetricComparison> out = new ArrayList<>();
        for (String block : List.of("client", "serverModel")) {
            for (double q : QUANTILES) {
                out.add(comparePercentile(baseline, current, block, q, threshold));
            }
        }
        // Rates and 250 ms resource samples need a measured window of some length: a rate over a few
        // sequential requests is a latency, and a sub-second run has one or two resource samples.
        double baseWindow = windowSeconds(baseline.count(), baseline.throughputPerSecond());
        double curWindow = windowSeconds(current.count(), current.throughputPerSecond());
        double baseTput = baseline.throughputPerSecond();
        double curTput = current.throughputPerSecond();
        out.add(windowed("throughput", "ops/s", baseTput, curTput, baseWindow, curWindow,
                () -> compareThroughput(baseTput, curTput, threshold)));
        out.add(compareErrorRate(baseline.errorRate() * 100.0, current.errorRate() * 100.0));
        double baseMemoryMb = baseline.resourceNumber("memoryIncreaseBytes") / (1024.0 * 1024.0);
        double curMemoryMb = current.resourceNumber("memoryIncreaseBytes") / (1024.0 * 1024.0);
        out.add(windowed("memory increase", "MB", baseMemoryMb, curMemoryMb, baseWindow, curWindow,
                () -> compareWithFloor("memory increase", "MB", baseMemoryMb, curMemoryMb, threshold, MEMORY_FLOOR_MB)));
        double baseCpu = baseline.resourceNumber("cpuMeanPercent");
        double curCpu = current.resourceNumber("cpuMeanPercent");
        out.add(windowed("cpu mean", "% of one core", baseCpu, curCpu, baseWindow, curWindow,
                () -> compareWithFloor("cpu mean", "% of one core", baseCpu, curCpu, threshold, CPU_FLOOR_POINTS)));
        return out;
    }

    MetricComparison comparePercentile(StatsDocument baseline, StatsDocument current, String block,
                                       double q, double threshold) throws StatsFileException {
        String metric = block + " p" + Math.round(q * 100);
        if (!baseline.hasLatency(block) || !current.hasLatency(block)) {
            return new MetricComparison(metric, "µs", Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Verdict.NOT_ENOUGH_DATA, "no '" + block + "' histogram in " + (baseline.hasLatency(block) ? "the current run" : "the baseline"));
        }
        return comparePercentile(metric, baseline.latency(block), current.latency(block), q, threshold);
    }

    /** The statistical rule for one percentile of two recorded distributions. */
    public MetricComparison comparePercentile(String metric, LatencyDistribution baseline, LatencyDistribution current,
                                              double q, double threshold) {
        double base = baseline.quantileMicros(q);
        double cur = current.quantileMicros(q);
        long needed = SampleSizeRule.minimumSamples(q);
        if (baseline.count() < needed || current.count() < needed) {
            return new MetricComparison(metric, "µs", base, cur, Double.NaN, Double.NaN, Verdict.NOT_ENOUGH_DATA,
                    String.format(Locale.ROOT, "p%d needs >= %d samples; baseline has %d, current %d",
                            Math.round(q * 100), needed, baseline.count(), current.count()));
        }
        RatioInterval ci = PercentileBootstrap.ratio(baseline, current, q, resamples, SEED ^ metric.hashCode());
        double up = 1 + threshold;
        double upNoise = 1 + threshold / 2;
        Verdict verdict;
        if (ci.ratio() > up && ci.low() > upNoise) {
            verdict = Verdict.REGRESSED;
        } else if (ci.ratio() < 1 / up && ci.high() < 1 / upNoise) {
            verdict = Verdict.IMPROVED;
        } else {
            verdict = Verdict.UNCHANGED;
        }
        String rule = String.format(Locale.ROOT,
                "ratio %.3f, 95%% CI [%.3f, %.3f]; regressed needs ratio > %.3f and CI low > %.3f, improved ratio < %.3f and CI high < %.3f",
                ci.ratio(), ci.low(), ci.high(), up, upNoise, 1 / up, 1 / upNoise);
        return new MetricComparison(metric, "µs", base, cur, ci.low(), ci.high(), verdict, rule);
    }

    static MetricComparison compareThroughput(long baseCount, double base, long curCount, double cur, double threshold) {
        return windowed("throughput", "ops/s", base, cur, windowSeconds(baseCount, base), windowSeconds(curCount, cur),
                () -> compareThroughput(base, cur, threshold));
    }

    /** {@code comparison} when both runs measured for at least MIN_WINDOW_SECONDS, else "not enough data". */
    private static MetricComparison windowed(String metric, String unit, double base, double cur,
                                             double baseWindow, double curWindow,
                                             java.util.function.Supplier<MetricComparison> comparison) {
        if (baseWindow >= MIN_WINDOW_SECONDS && curWindow >= MIN_WINDOW_SECONDS) return comparison.get();
        return new MetricComparison(metric, unit, base, cur, Double.NaN, Double.NaN, Verdict.NOT_ENOUGH_DATA,
                String.format(Locale.ROOT, "needs >= %.0f s of measured load in both runs (baseline %.2f s, current %.2f s)",
                        MIN_WINDOW_SECONDS, baseWindow, curWindow));
    }

    /** The measured window a throughput was taken over: count / rate (0 when unknown). */
    static double windowSeconds(long count, double perSecond) {
        return perSecond > 0 && Double.isFinite(perSecond) ? count / perSecond : 0.0;
    }

    static MetricComparison compareThroughput(double base, double cur, double threshold) {
        Verdict verdict;
        if (!Double.isFinite(base) || !Double.isFinite(cur) || base <= 0) {
            verdict = Verdict.NOT_ENOUGH_DATA;
        } else if (cur < base * (1 - threshold)) {
            verdict = Verdict.REGRESSED;
        } else if (cur > base * (1 + threshold)) {
            verdict = Verdict.IMPROVED;
        } else {
            verdict = Verdict.UNCHANGED;
        }
        return new MetricComparison("throughput", "ops/s", base, cur, Double.NaN, Double.NaN, verdict,
                String.format(Locale.ROOT, "regressed below %.1f, improved above %.1f (threshold %.0f %%)",
                        base * (1 - threshold), base * (1 + threshold), threshold * 100));
    }

    static MetricComparison compareErrorRate(double basePercent, double curPercent) {
        double delta = curPercent - basePercent;
        Verdict verdict = delta > ERROR_RATE_POINTS ? Verdict.REGRESSED
                : delta < -ERROR_RATE_POINTS ? Verdict.IMPROVED : Verdict.UNCHANGED;
        return new MetricComparison("error rate", "%", basePercent, curPercent, Double.NaN, Double.NaN, verdict,
                String.format(Locale.ROOT, "change %+.2f points; regressed when it rises by more than %.1f points",
                        delta, ERROR_RATE_POINTS));
    }

    static MetricComparison compareWithFloor(String metric, String unit, double base, double cur,
                                             double threshold, double floor) {
        Verdict verdict;
        if (!Double.isFinite(base) || !Double.isFinite(cur)) {
            verdict = Verdict.NOT_ENOUGH_DATA;
        } else if (cur > Math.max(base * (1 + threshold), base + floor)) {
            verdict = Verdict.REGRESSED;
        } else if (cur < Math.min(base * (1 - threshold), base - floor)) {
            verdict = Verdict.IMPROVED;
        } else {
            verdict = Verdict.UNCHANGED;
        }
        return new MetricComparison(metric, unit, base, cur, Double.NaN, Double.NaN, verdict,
                String.format(Locale.ROOT, "regressed above baseline x %.2f and baseline + %.0f %s",
                        1 + threshold, floor, unit));
    }
}
