package org.marlbench.feeders;

/** The three market regimes of the SPEC, with the label the server reports for each. */
public enum Regime {
    TRENDING("trending"),
    RANGING("ranging"),
    VOLATILE("volatile");

    private final String label;

    Regime(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Regime ofLabel(String label) {
        for (Regime r : values()) {
            if (r.label.equals(label)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown regime label: " + label);
    }
}
