package org.marlbench.server.component;

/** The three actions, in the order of every probability vector: [buy, hold, sell]. */
public enum Action {
    BUY, HOLD, SELL;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
