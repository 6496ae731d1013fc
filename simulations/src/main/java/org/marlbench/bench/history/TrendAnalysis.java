package org.marlbench.bench.history;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Early warning from the history: least-squares slope of client p95 and of throughput over the
 * last N runs. Warns when the slope is significantly in the bad direction (its 95 % interval
 * excludes 0) and the line projected K runs ahead crosses the target (targetP95Ms above,
 * minThroughputOps below) -- or has crossed it already.
 */
public final class TrendAnalysis {
    public static final int MIN_RUNS = 4;

    private TrendAnalysis() {
    }

    public static List<TrendFinding> analyse(List<JsonNode> history, int lastRuns, int horizonRuns) {
        List<JsonNode> window = history.subList(Math.max(0, history.size() - lastRuns), history.size());
        List<TrendFinding> findings = new ArrayList<>();
        finding(window, "clientP95Micros", "client p95", "ms", 1.0 / 1000.0, "targetP95Ms", true, horizonRuns)
                .ifPresent(findings::add);
        finding(window, "throughputPerSecond", "throughput", "ops/s", 1.0, "minThroughputOps", false, horizonRuns)
                .ifPresent(findings::add);
        return findings;
    }

    static Optional<TrendFinding> finding(List<JsonNode> window, String field, String metric, String unit,
                                          double scale, String targetField, boolean higherIsWorse, int horizon) {
        List<Double> values = new ArrayList<>();
        for (JsonNode entry : window) {
            if (entry.path(field).isNumber()) {
                values.add(entry.path(field).asDouble() * scale);
            }
        }
        if (values.size() < MIN_RUNS) {
            return Optional.empty();
        }
        LinearTrend line = LinearTrend.fit(values.stream().mapToDouble(Double::doubleValue).toArray());
        JsonNode targetNode = window.get(window.size() - 1).path(targetField);
        double target = targetNode.isNumber() ? targetNode.asDouble() : Double.NaN;
        double x = values.size() - 1 + horizon;
        double projected = line.valueAt(x);
        double band = line.bandHalfWidth(x);
        double slopeHalf = line.slopeHalfWidth();
        boolean significant = higherIsWorse ? line.slope() - slopeHalf > 0 : line.slope() + slopeHalf < 0;
        boolean crosses = Double.isFinite(target) && (higherIsWorse ? projected > target : projected < target);
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
