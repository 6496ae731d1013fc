package org.marlbench.bench.results;

import java.util.List;

/** What the gate concluded about a whole run (comparison.json {@code outcome}). */
public enum Outcome {
    REGRESSED("regressed"),
    IMPROVED("improved"),
    UNCHANGED("unchanged"),
    INCONCLUSIVE("inconclusive"),
    NOT_ENOUGH_DATA("not enough data"),
    NOT_COMPARABLE("not comparable"),
    NO_BASELINE("no baseline"),
    DISABLED("disabled"),
    NOT_COMPARED("not compared"),
    ERROR("error");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Outcome fromLabel(String label) {
        for (Outcome o : values()) if (o.label.equals(label)) return o;
        throw new IllegalArgumentException("unknown outcome '" + label + "'");
    }

    /**
     * Regressed if any metric regressed; else inconclusive if a metric that is not a tail percentile is
     * (p95 and p99 of short rounds are too noisy to decide most runs; their verdicts stay per metric);
     * not enough data if none could be judged.
     */
    public static Outcome of(List<MetricVerdict> metrics) {
        if (metrics.stream().anyMatch(m -> "regressed".equals(m.verdict()))) return REGRESSED;
        if (metrics.stream().anyMatch(m -> "inconclusive".equals(m.verdict()) && !tail(m))) return INCONCLUSIVE;
        if (metrics.stream().allMatch(m -> "not enough data".equals(m.verdict()))) return NOT_ENOUGH_DATA;
        return metrics.stream().anyMatch(m -> "improved".equals(m.verdict())) ? IMPROVED : UNCHANGED;
    }

    private static boolean tail(MetricVerdict m) {
        Metric metric = Metric.byLabel(m.metric());
        return metric != null && metric.tail();
    }
}
