package org.marlbench.bench.stats;

/** Per-metric outcome of a comparison. */
public enum Verdict {
    REGRESSED("regressed"),
    IMPROVED("improved"),
    UNCHANGED("unchanged"),
    INCONCLUSIVE("inconclusive"),
    NOT_ENOUGH_DATA("not enough data");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Verdict fromLabel(String label) {
        for (Verdict v : values()) {
            if (v.label.equals(label)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown verdict '" + label + "'");
    }
}
