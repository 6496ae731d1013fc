package org.marlbench.bench.ab;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.marlbench.bench.results.AbRun;
import org.marlbench.bench.results.Comparison;
import org.marlbench.bench.results.Metric;
import org.marlbench.bench.results.MetricVerdict;
import org.marlbench.bench.results.Outcome;
import org.marlbench.bench.results.RequestResult;
import org.marlbench.bench.results.ResourceResult;
import org.marlbench.bench.results.RoundResult;
import org.marlbench.bench.results.StatsFile;
import org.marlbench.bench.stats.BlockedRounds;
import org.marlbench.bench.stats.RatioEstimate;
import org.marlbench.bench.stats.Verdict;
import org.marlbench.bench.stats.VerdictRule;

/**
 * The verdict of an A/B run from its rounds: per metric the ratio B/A (server under test over
 * reference) with an interval that includes the variation between rounds and between server JVMs
 * ({@link BlockedRounds}), judged by {@link VerdictRule}; the error rates of the two sides compared
 * directly. Regressed when any metric regressed (a p99 only together with its p95, see
 * {@link #afterItsP95}); inconclusive ones say how much longer to run.
 */
public final class AbJudge {
    /** B's error or fallback rate may exceed A's by this many percentage points before it counts as a regression. */
    static final double ERROR_RATE_POINTS = 1.0;

    private AbJudge() {
    }

    public static Comparison judge(StatsFile run, double thresholdPercent, boolean warnOnly) {
        AbRun ab = run.ab();
        if (ab == null) throw new IllegalArgumentException(run.simulation() + " is not an A/B run");
        List<MetricVerdict> metrics = new ArrayList<>();
        double worstFactor = 1;
        boolean forksDominate = false;
        List<MetricVerdict> judged = new ArrayList<>();
        for (Metric m : Metric.values()) judged.add(judge(m, ab, thresholdPercent));
        for (int i = 0; i < judged.size(); i++) {
            Metric m = Metric.values()[i];
            MetricVerdict v = afterItsP95(judged.get(i), judged);
            metrics.add(v);
            if ("inconclusive".equals(v.verdict())) {
                double factor = decideFactor(v, thresholdPercent, m.higherIsWorse());
                worstFactor = Math.max(worstFactor, factor);
                forksDominate |= v.method() != null && v.method().startsWith("between server JVMs");
            }
        }
        metrics.add(errorRate(run.measured(), ab.referenceRequests().get(run.measuredRequest())));
        metrics.add(fallbackRate(ab));
        Outcome outcome = Outcome.of(metrics);
        String against = "reference " + ab.reference().describe() + " at " + ab.reference().url() + " (" + ab.forksPerSide()
                + " JVM(s) per side, " + ab.blocks() + " blocks of " + ab.rounds().size() / Math.max(1, ab.blocks())
                + " rounds of " + ab.roundMillis() + " ms" + (ab.burnInBlocks() > 0 ? ", after " + ab.burnInBlocks()
                        + " burn-in blocks not counted" : "") + ")";
        return new Comparison(Comparison.SCHEMA_VERSION, run.simulation(), run.configProfile(), "ab", outcome.label(),
                outcome != Outcome.REGRESSED || warnOnly, warnOnly, against, metrics, List.of(), List.of(), List.of(), List.of(),
                advice(outcome, worstFactor, forksDominate, ab));
    }

    static MetricVerdict judge(Metric m, AbRun ab, double thresholdPercent) {
        int k = ab.forksPerSide();
        int blocks = ab.blocks();
        double[][] z = new double[blocks][2 * k];
        int[][] n = new int[blocks][2 * k];
        double logA = 0;
        double logB = 0;
        int countA = 0;
        int countB = 0;
        for (RoundResult r : ab.rounds()) {
            Double v = m.of(r);
            if (v == null || !(v > 0)) {
                return MetricVerdict.notEnoughData(m.label(), m.unit(), null, null, String.format(Locale.ROOT,
                        "round %d (%s, block %d) has no value: %d decisions, %d failed", r.position(), r.fork(), r.block(),
                        r.requests(), r.failures()));
            }
            double log = Math.log(v);
            z[r.block()][r.forkIndex()] += log;
            n[r.block()][r.forkIndex()]++;
            if ("A".equals(r.side())) {
                logA += log;
                countA++;
            } else {
                logB += log;
                countB++;
            }
        }
        for (int b = 0; b < blocks; b++) {
            for (int f = 0; f < 2 * k; f++) {
                if (n[b][f] == 0) {
                    return MetricVerdict.notEnoughData(m.label(), m.unit(), null, null, "block " + b + " has no round of fork " + f);
                }
                z[b][f] /= n[b][f];
            }
        }
        Double reference = Math.exp(logA / countA);
        Double current = Math.exp(logB / countB);
        RatioEstimate e;
        try {
            e = BlockedRounds.estimate(z, k);
        } catch (IllegalArgumentException ex) {
            return MetricVerdict.notEnoughData(m.label(), m.unit(), reference, current, ex.getMessage());
        }
        VerdictRule.Judged j = VerdictRule.judge(e, thresholdPercent, m.higherIsWorse());
        return new MetricVerdict(m.label(), m.unit(), reference, current, e.ratio(), e.low(), e.high(), e.mdePercent(),
                e.degreesOfFreedom(), e.method(), j.verdict().label(), j.rule());
    }

    /**
     * A p99 is tested after the p95 of the same timing (a fixed sequence, which keeps the pair's
     * false-alarm rate at that of one test): regressed only when that p95 is significantly worse
     * too, else inconclusive. Why: a 1-s round's p99 rests on a few dozen requests and on rare events
     * (a GC, a compile) that differ between server JVMs, so two JVMs a side cannot tell such a JVM
     * effect from a change; every identical-build run on file that was called regressed (4) was a
     * p99 alone, while every injected slowdown moved the medians. A change that worsens only the
     * extreme tail is left to the absolute p99 target of every run.
     */
    static MetricVerdict afterItsP95(MetricVerdict v, List<MetricVerdict> all) {
        if (!"regressed".equals(v.verdict()) || !v.metric().endsWith(" p99")) return v;
        String p95Label = v.metric().substring(0, v.metric().length() - 3) + "p95";
        MetricVerdict p95 = all.stream().filter(x -> x.metric().equals(p95Label)).findFirst().orElse(null);
        if (p95 != null && p95.ratioLow() != null && p95.ratioLow() > 1) return v;
        String why = p95 == null || p95.ratioLow() == null ? p95Label + " has no interval"
                : String.format(Locale.ROOT, "%s is not significantly worse (95%% CI [%.3f, %.3f])", p95Label, p95.ratioLow(),
                        p95.ratioHigh());
        return new MetricVerdict(v.metric(), v.unit(), v.reference(), v.current(), v.ratio(), v.ratioLow(), v.ratioHigh(),
                v.mdePercent(), v.degreesOfFreedom(), v.method(), Verdict.INCONCLUSIVE.label(), v.rule()
                + "; a p99 alone: not regressed because " + why + " (p99 is tested only after its p95)");
    }

    static MetricVerdict errorRate(RequestResult underTest, RequestResult reference) {
        if (underTest == null || reference == null || underTest.count() == 0 || reference.count() == 0) {
            return MetricVerdict.notEnoughData("error rate", "%", null, null, "a side sent no measured request");
        }
        return pointsVerdict("error rate", reference.errorRate() * 100, underTest.errorRate() * 100);
    }

    /**
     * Decisions answered with an agent fallen back, per side: each server's own rate over its rounds
     * (its sidecar's counters, {@link org.marlbench.bench.resources.ResourceSummary}), weighted by the
     * decisions counted on it.
     */
    static MetricVerdict fallbackRate(AbRun ab) {
        double[] weighted = new double[2];
        long[] decisions = new long[2];
        for (ResourceResult r : ab.forkResources()) {
            if (r.fallbackPercent() == null) continue;
            int side = r.server().startsWith("A") ? 0 : 1;
            weighted[side] += r.fallbackPercent() * r.decisions();
            decisions[side] += r.decisions();
        }
        if (decisions[0] == 0 || decisions[1] == 0) {
            return MetricVerdict.notEnoughData("fallback rate", "%", null, null, "no decisions counted on a side's servers");
        }
        return pointsVerdict("fallback rate", weighted[0] / decisions[0], weighted[1] / decisions[1]);
    }

    static MetricVerdict pointsVerdict(String metric, double a, double b) {
        Verdict v = b - a > ERROR_RATE_POINTS ? Verdict.REGRESSED : a - b > ERROR_RATE_POINTS ? Verdict.IMPROVED : Verdict.UNCHANGED;
        return new MetricVerdict(metric, "%", a, b, null, null, null, null, null, null, v.label(),
                String.format(Locale.ROOT, "change %+.2f points; regressed when it rises by more than %.1f points", b - a,
                        ERROR_RATE_POINTS));
    }

    private static double decideFactor(MetricVerdict v, double thresholdPercent, boolean higherIsWorse) {
        RatioEstimate e = new RatioEstimate(v.ratio(), v.ratioLow(), v.ratioHigh(), v.degreesOfFreedom(), 0, v.mdePercent(), v.method());
        return VerdictRule.judge(e, thresholdPercent, higherIsWorse).decideFactor();
    }

    static String advice(Outcome outcome, double factor, boolean forksDominate, AbRun ab) {
        return switch (outcome) {
            case REGRESSED -> "the server under test is slower than the reference beyond the threshold: look at the commits "
                    + "between them (the report's per-round chart shows whether every round agrees)";
            case INCONCLUSIVE -> forksDominate
                    ? String.format(Locale.ROOT, "the server JVMs of a side differ from each other (JIT): run more of them, "
                            + "e.g. -Dcompare.forks=%d", ab.forksPerSide() * 2)
                    : Double.isFinite(factor)
                            ? String.format(Locale.ROOT, "about %.1fx the rounds would decide it: -Dcompare.blocks=%d",
                                    factor, (int) Math.ceil(ab.blocks() * factor))
                            : "the estimate sits on the threshold: no run length decides it; judge the size of the change";
            default -> "";
        };
    }
}
