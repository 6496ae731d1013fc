package org.marlbench.server.component;

/** Market regime label of SPEC section 1. */
public enum Regime {
    TRENDING, RANGING, VOLATILE;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
