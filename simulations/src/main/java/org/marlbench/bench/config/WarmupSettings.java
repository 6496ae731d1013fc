package org.marlbench.bench.config;

/**
 * Steady-state warm-up (both JVMs compile their hot paths before anything is measured), the
 * servers in turn: each window lasts at least {@code windowMillis} and holds at least
 * {@code windowRequests} successful requests (a handful of slow, interpreted requests proves
 * nothing: the JIT compiles a method after thousands of calls); a server is steady once its last
 * {@code stableWindows} window medians lie within {@code tolerancePercent} of each other without a
 * trend, or their median lies within stableWindows x tolerance/4 of the median of the
 * {@code stableWindows} before them (see SteadyStateWarmup), and it has had at least {@code minRequests} requests; {@code maxSeconds} per server bounds the
 * warm-up either way; {@code sharedMaxTotalSeconds} in all (not per server: what is cold then is the
 * new load-generator JVM, common to all servers) when an earlier simulation of the same Maven run
 * warmed the (shared A/B) servers. A single-user simulation warms up with {@code users} users.
 */
public record WarmupSettings(int minRequests, int windowMillis, int windowRequests, int stableWindows,
                             double tolerancePercent, int maxSeconds, int sharedMaxTotalSeconds, int users) {

    static WarmupSettings from(BenchProperties p, BenchmarkConfig config) {
        return new WarmupSettings(config.warmupIterations(), p.intAtLeast("warmup.windowMillis", 50),
                p.positiveInt("warmup.windowRequests"), p.intAtLeast("warmup.stableWindows", 2),
                p.positiveDouble("warmup.tolerancePercent"), p.positiveInt("warmup.maxSeconds"),
                p.positiveInt("warmup.sharedMaxTotalSeconds"), p.positiveInt("warmup.users"));
    }
}
