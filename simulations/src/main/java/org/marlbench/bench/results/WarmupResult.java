package org.marlbench.bench.results;

import java.util.List;

/**
 * How the warm-up went, per server JVM: whether its window medians became steady, how long it
 * took, how many requests, and the window medians themselves (µs), so drift can be seen.
 * {@code warmedBy}: the simulation of the same Maven run that warmed these (shared A/B) servers,
 * when this one only gave each a window; null when the warm-up was this simulation's.
 */
public record WarmupResult(boolean converged, double seconds, long requests, List<Server> servers, String warmedBy) {

    public record Server(String label, boolean converged, double seconds, long requests, List<Long> windowP50Micros) {
    }
}
