package org.marlbench.bench.config;

/**
 * Steady-state warm-up (both JVMs compile their hot paths before anything is measured): requests
 * go to each server in windows of {@code windowMillis}; a server is warm once its last
 * {@code stableWindows} window medians lie within {@code tolerancePercent} of each other and it
 * has had at least {@code minRequests} requests; {@code maxSeconds} per server bounds it either way.
 */
public record WarmupSettings(int minRequests, int windowMillis, int stableWindows, double tolerancePercent,
                             int maxSeconds) {

    static WarmupSettings from(BenchProperties p, BenchmarkConfig config) {
        return new WarmupSettings(config.warmupIterations(), p.intAtLeast("warmup.windowMillis", 50),
                p.intAtLeast("warmup.stableWindows", 2), p.positiveDouble("warmup.tolerancePercent"),
                p.positiveInt("warmup.maxSeconds"));
    }
}
