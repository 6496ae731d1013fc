package org.marlbench.bench.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.marlbench.bench.results.HistoryLine;
import org.marlbench.bench.results.TrendFinding;
import org.marlbench.bench.stats.LinearTrend;

/**
 * Early warning from the history: least-squares slope of client p95 and of throughput over the
 * last N runs. Warns when the slope is significantly in the bad direction (its 95 % interval
 * excludes 0) and the line projected K runs ahead crosses the target (targetP95Ms above,
 * minThroughputOps below) -- or has crossed it already. Throughput counts only from runs that
 * measured for {@value #MIN_WINDOW_SECONDS} s or more (a rate over a few sequential requests is a latency).
 */
public final class TrendAnalysis {
    public static final int MIN_RUNS = 4;
    static final double MIN_WINDOW_SECONDS = 5.0;

    private TrendAnalysis() {
    }

    public static List<TrendFinding> analyse(List<HistoryLine> history, int lastRuns, int horizonRuns) {
        List<HistoryLine> window = history.subList(Math.max(0, history.size() - lastRuns), history.size());
        List<TrendFinding> findings = new ArrayList<>();
        finding(window, h -> h.clientP95Micros() == null ? null : h.clientP95Micros() / 1000.0, "client p95", "ms",
                HistoryLine::targetP95Ms, true, horizonRuns).ifPresent(findings::add);
        finding(window, TrendAnalysis::throughput, "throughput", "ops/s", HistoryLine::minThroughputOps, false, horizonRuns)
                .ifPresent(findings::add);
        return findings;
    }

    private static Double throughput(HistoryLine h) {
        if (h.throughputPerSecond() == null || h.count() == null || h.throughputPerSecond() <= 0) return null;
        return h.count() / h.throughputPerSecond() >= MIN_WINDOW_SECONDS ? h.throughputPerSecond() : null;
    }

    static Optional<TrendFinding> finding(List<HistoryLine> window, Function<HistoryLine, Double> field, String metric,
                                          String unit, Function<HistoryLine, Double> targetField, boolean higherIsWorse,
                                          int horizon) {
        List<Double> values = new ArrayList<>();
        for (HistoryLine entry : window) {
            Double v = field.apply(entry);
            if (v != null) values.add(v);
        }
        if (values.size() < MIN_RUNS) {
            return Optional.empty();
        }
        LinearTrend line = LinearTrend.fit(values.stream().mapToDouble(Double::doubleValue).toArray());
        Double target = targetField.apply(window.get(window.size() - 1));
        double x = values.size() - 1 + horizon;
        double projected = line.valueAt(x);
        double band = line.bandHalfWidth(x);
        double slopeHalf = line.slopeHalfWidth();
        boolean significant = higherIsWorse ? line.slope() - slopeHalf > 0 : line.slope() + slopeHalf < 0;
        boolean crosses = target != null && (higherIsWorse ? projected > target : projected < target);
        String warning = "";
        if (significant && crosses) {
            warning = String.format(Locale.ROOT,
                    "%s is deteriorating by %+.3f %s per run (95%% CI %+.3f..%+.3f) over the last %d runs; projected %.3f %s "
                            + "(95%% band %.3f..%.3f) %d runs ahead crosses the target %s %.3f %s",
                    metric, line.slope(), unit, line.slope() - slopeHalf, line.slope() + slopeHalf, values.size(),
                    projected, unit, projected - band, projected + band, horizon,
                    higherIsWorse ? "<=" : ">=", target, unit);
        }
        return Optional.of(new TrendFinding(metric, unit, values.size(), line.slope(), line.slope() - slopeHalf,
                line.slope() + slopeHalf, horizon, projected, projected - band, projected + band, target, warning));
    }
}
