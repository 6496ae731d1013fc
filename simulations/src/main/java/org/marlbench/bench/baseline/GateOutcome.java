package org.marlbench.bench.baseline;

/** Overall result of the baseline step for one run. */
public enum GateOutcome {
    REGRESSED("regressed"),
    IMPROVED("improved"),
    UNCHANGED("unchanged"),
    NOT_ENOUGH_DATA("not enough data"),
    NO_BASELINE("no baseline"),
    DISABLED("disabled"),
    ERROR("error");

    private final String label;

    GateOutcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    static GateOutcome of(java.util.List<MetricComparison> metrics) {
        if (metrics.stream().anyMatch(m -> m.verdict() == Verdict.REGRESSED)) {
            return REGRESSED;
        }
        if (metrics.stream().allMatch(m -> m.verdict() == Verdict.NOT_ENOUGH_DATA)) {
            return NOT_ENOUGH_DATA;
        }
        return metrics.stream().anyMatch(m -> m.verdict() == Verdict.IMPROVED) ? IMPROVED : UNCHANGED;
    }
}
