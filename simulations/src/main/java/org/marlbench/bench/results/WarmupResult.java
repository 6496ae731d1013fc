package org.marlbench.bench.results;

import java.util.List;

/**
 * How the warm-up went, per server JVM: whether its window medians became steady, how long it
 * took, how many requests, and the window medians themselves (µs), so drift can be seen.
 */
public record WarmupResult(boolean converged, double seconds, long requests, List<Server> servers) {

    public record Server(String label, boolean converged, double seconds, long requests, List<Long> windowP50Micros) {
    }
}
