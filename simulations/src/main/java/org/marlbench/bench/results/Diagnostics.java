package org.marlbench.bench.results;

/** What a run found out beyond the latencies: a soak's leak verdict, a profile, a capacity search (each null when not run). */
public record Diagnostics(LeakResult leak, ProfileResult profile, CapacityResult capacity) {
}
