package org.marlbench.bench.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every knob of a benchmark run, one record. Defaults live in {@code benchmark.properties};
 * {@link ConfigLoader} applies the quick overlay and {@code -D} overrides (same key names).
 * Each field feeds a check: the three latency targets, the throughput floor and the three
 * resource limits are evaluated after each run; the counts shape the runs;
 * regressionThresholdPercent goes to the baseline gate through stats.json.
 */
public record BenchmarkConfig(
        int targetP50Ms,
        int targetP95Ms,
        int targetP99Ms,
        double minThroughputOps,
        long maxMemoryIncreaseMb,
        double maxCpuPercent,
        long maxGpuMemoryMb,
        int warmupIterations,
        int iterations,
        int loadDurationSeconds,
        int users,
        double regressionThresholdPercent) {

    /** The loaded configuration of this JVM: defaults, quick overlay, -D overrides. */
    public static LoadedConfig load() {
        return ConfigLoader.load(System.getProperties());
    }

    /** Field name to value, in declaration order, as written to stats.json {@code config}. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("targetP50Ms", targetP50Ms);
        m.put("targetP95Ms", targetP95Ms);
        m.put("targetP99Ms", targetP99Ms);
        m.put("minThroughputOps", minThroughputOps);
        m.put("maxMemoryIncreaseMb", maxMemoryIncreaseMb);
        m.put("maxCpuPercent", maxCpuPercent);
        m.put("maxGpuMemoryMb", maxGpuMemoryMb);
        m.put("warmupIterations", warmupIterations);
        m.put("iterations", iterations);
        m.put("loadDurationSeconds", loadDurationSeconds);
        m.put("users", users);
        m.put("regressionThresholdPercent", regressionThresholdPercent);
        return m;
    }
}
