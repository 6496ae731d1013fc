package org.marlbench.bench.config;

/**
 * The targets and sizes of one benchmark run, as recorded in stats.json {@code config}. Each field
 * feeds a check or shapes the run: the latency targets and the throughput floor mirror the
 * simulations' Gatling assertions, the resource and fallback limits are checked on the server's
 * sidecar, the counts shape the load, and regressionThresholdPercent is the gate's T.
 */
public record BenchmarkConfig(
        int targetP50Ms,
        int targetP95Ms,
        int targetP99Ms,
        double minThroughputOps,
        long maxMemoryIncreaseMb,
        double maxCpuPercent,
        long maxGpuMemoryMb,
        double maxFallbackPercent,
        int warmupIterations,
        int iterations,
        int loadDurationSeconds,
        int users,
        double regressionThresholdPercent) {

    static BenchmarkConfig from(BenchProperties p) {
        return new BenchmarkConfig(
                p.positiveInt("targetP50Ms"),
                p.positiveInt("targetP95Ms"),
                p.positiveInt("targetP99Ms"),
                p.nonNegativeDouble("minThroughputOps"),
                p.nonNegativeLong("maxMemoryIncreaseMb"),
                p.nonNegativeDouble("maxCpuPercent"),
                p.nonNegativeLong("maxGpuMemoryMb"),
                p.nonNegativeDouble("maxFallbackPercent"),
                p.nonNegativeInt("warmupIterations"),
                p.positiveInt("iterations"),
                p.positiveInt("loadDurationSeconds"),
                p.positiveInt("users"),
                p.positiveDouble("regressionThresholdPercent"));
    }
}
