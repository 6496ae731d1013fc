package org.marlbench.bench.load;

import org.marlbench.bench.server.Fork;

/**
 * Where one request goes and how it counts, decided when it is sent: warm-up (window {@code window}
 * of the steady-state check), the settle part at the start of a round (sent, not counted), or
 * measured in round {@code round}.
 */
public record Slot(Phase phase, Fork fork, int round, int window) {

    public enum Phase { WARMUP, SETTLE, MEASURED }
}
