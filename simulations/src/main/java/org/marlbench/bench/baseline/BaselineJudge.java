package org.marlbench.bench.baseline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.marlbench.bench.config.GateSettings;
import org.marlbench.bench.files.ResultsFileException;
import org.marlbench.bench.results.Comparison;
import org.marlbench.bench.results.Metric;
import org.marlbench.bench.results.MetricVerdict;
import org.marlbench.bench.results.Outcome;
import org.marlbench.bench.results.StatsFile;
import org.marlbench.bench.stats.RatioEstimate;
import org.marlbench.bench.stats.RunSpread;
import org.marlbench.bench.stats.Verdict;
import org.marlbench.bench.stats.VerdictRule;

/**
 * A run against its committed baseline, for dedicated machines: each metric against the spread of
 * the baseline's runs ({@link RunSpread}: variance between whole runs, not between the requests of
 * one), judged by {@link VerdictRule}. A baseline from another machine or target never fails a
 * build: the outcome is "not comparable", with the advice. No baseline passes as "no baseline",
 * unless {@code baseline.required}.
 */
public final class BaselineJudge {
    static final double ERROR_RATE_POINTS = 1.0;

    private BaselineJudge() {
    }

    /** The verdict and the baseline it rests on (null when there is none or it is unusable). */
    public record Judged(Comparison comparison, BaselineFile baseline, boolean comparable) {
    }

    public static Judged judge(StatsFile run, GateSettings settings, BaselineStore store) {
        if (!settings.enabled()) {
            return new Judged(comparison(run, Outcome.DISABLED, true, settings, "", List.of(), List.of(),
                    List.of("baseline comparison disabled (-Dbaseline.enabled=false)"), List.of(), ""), null, false);
        }
        String file = store.file(run).toString();
        BaselineFile baseline;
        try {
            baseline = store.read(run);
        } catch (ResultsFileException e) {
            return new Judged(comparison(run, Outcome.ERROR, false, settings, file, List.of(), List.of(), List.of(),
                    List.of("baseline file is unusable: " + e.getMessage()),
                    "fix it, or start a new baseline with -Dbaseline.update=new (the old file is kept in history/)"), null, false);
        }
        if (baseline == null) {
            String msg = "no baseline for " + run.simulation() + " (profile " + run.configProfile() + ", target "
                    + run.target().key() + ") at " + file;
            return new Judged(comparison(run, Outcome.NO_BASELINE, !settings.required(), settings, file, List.of(), List.of(),
                    List.of(msg + (settings.required() ? " -- and -Dbaseline.required=true" : "")),
                    settings.required() ? List.of(msg + ", and -Dbaseline.required=true") : List.of(),
                    "record one on this machine with scripts/record-baseline.sh, or compare against a commit with "
                            + "-Dcompare.ref=<git ref> (A/B mode, any machine)"), null, false);
        }
        List<String> differences = Fingerprint.differences(baseline.machine(), baseline.target(), run.machine(), run.target());
        String against = file + " (" + baseline.runs().size() + " runs, commits "
                + baseline.runs().stream().map(BaselineFile.Run::gitCommit).distinct().toList() + ")";
        if (!differences.isEmpty()) {
            return new Judged(comparison(run, Outcome.NOT_COMPARABLE, true, settings, against, List.of(), differences, List.of(),
                    List.of(), "this baseline was recorded on another machine or target, so its numbers say nothing about "
                            + "this run: compare against a commit in the same run with -Dcompare.ref=<git ref>, or record a "
                            + "baseline here with -Dbaseline.update=new"), baseline, false);
        }
        if (baseline.runs().size() < settings.minRuns()) {
            return new Judged(comparison(run, Outcome.NOT_ENOUGH_DATA, true, settings, against, List.of(), List.of(),
                    List.of("the baseline has " + baseline.runs().size() + " of the " + settings.minRuns() + " runs it needs"),
                    List.of(), "add runs with -Dbaseline.update=append"), baseline, true);
        }
        List<MetricVerdict> metrics = new ArrayList<>();
        for (Metric m : Metric.values()) metrics.add(judge(m, baseline, run, settings.thresholdPercent()));
        metrics.add(errorRate(baseline, run));
        metrics.add(fallbackRate(baseline, run));
        Outcome outcome = Outcome.of(metrics);
        return new Judged(comparison(run, outcome, outcome != Outcome.REGRESSED || settings.warnOnly(), settings, against,
                metrics, List.of(), List.of(), List.of(), outcome == Outcome.REGRESSED
                        ? "bisect the commits since the baseline's; if the change is intended, record a new baseline"
                        : ""), baseline, true);
    }

    static MetricVerdict judge(Metric m, BaselineFile baseline, StatsFile run, double thresholdPercent) {
        Double current = m.of(run);
        double[] values = baseline.runs().stream().map(r -> r.values().get(m.label()))
                .filter(v -> v != null && v > 0).mapToDouble(Double::doubleValue).toArray();
        if (current == null || values.length < 2) {
            return MetricVerdict.notEnoughData(m.label(), m.unit(), null, current, current == null
                    ? "this run has no value (too few samples, or under " + Metric.MIN_WINDOW_SECONDS + " s of load)"
                    : "the baseline has " + values.length + " runs with a value");
        }
        RatioEstimate e = RunSpread.estimate(values, current);
        double reference = current / e.ratio();
        VerdictRule.Judged j = VerdictRule.judge(e, thresholdPercent, m.higherIsWorse());
        return new MetricVerdict(m.label(), m.unit(), reference, current, e.ratio(), e.low(), e.high(), e.mdePercent(),
                e.degreesOfFreedom(), e.method(), j.verdict().label(), j.rule());
    }

    static MetricVerdict errorRate(BaselineFile baseline, StatsFile run) {
        if (run.measured() == null) return MetricVerdict.notEnoughData("error rate", "%", null, null, "nothing measured");
        double worst = baseline.runs().stream().mapToDouble(BaselineFile.Run::errorRate).max().orElse(0) * 100;
        double now = run.measured().errorRate() * 100;
        Verdict v = now - worst > ERROR_RATE_POINTS ? Verdict.REGRESSED : Verdict.UNCHANGED;
        return new MetricVerdict("error rate", "%", worst, now, null, null, null, null, null, null, v.label(),
                String.format(Locale.ROOT, "%.2f %% against the baseline runs' worst %.2f %%; regressed above it by more than %.1f points",
                        now, worst, ERROR_RATE_POINTS));
    }

    static MetricVerdict fallbackRate(BaselineFile baseline, StatsFile run) {
        if (run.resources() == null || run.resources().fallbackPercent() == null) {
            return MetricVerdict.notEnoughData("fallback rate", "%", null, null, "no sidecar fallback counts in this run");
        }
        double worst = baseline.runs().stream().map(BaselineFile.Run::fallbackPercent).filter(v -> v != null)
                .mapToDouble(Double::doubleValue).max().orElse(0);
        double now = run.resources().fallbackPercent();
        Verdict v = now - worst > ERROR_RATE_POINTS ? Verdict.REGRESSED : Verdict.UNCHANGED;
        return new MetricVerdict("fallback rate", "%", worst, now, null, null, null, null, null, null, v.label(),
                String.format(Locale.ROOT, "%.2f %% of decisions against the baseline runs' worst %.2f %%; regressed above it by more than %.1f points",
                        now, worst, ERROR_RATE_POINTS));
    }

    private static Comparison comparison(StatsFile run, Outcome outcome, boolean passed, GateSettings settings, String against,
                                         List<MetricVerdict> metrics, List<String> notComparable, List<String> messages,
                                         List<String> errors, String advice) {
        return new Comparison(Comparison.SCHEMA_VERSION, run.simulation(), run.configProfile(), "baseline", outcome.label(),
                passed, settings.warnOnly(), against, metrics, notComparable, messages, errors, List.of(), advice);
    }
}
