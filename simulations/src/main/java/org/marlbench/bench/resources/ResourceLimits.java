package org.marlbench.bench.resources;

import java.util.List;
import org.marlbench.bench.config.BenchmarkConfig;
import org.marlbench.bench.results.CheckResult;
import org.marlbench.bench.results.ResourceResult;

/**
 * The resource and quality limits of the config, evaluated on one server's summary: memory
 * increase, mean CPU, GPU memory, and the share of decisions answered with an agent fallen back
 * (a degraded answer is a 200 that looks healthy). Exceeding one fails the run.
 */
public final class ResourceLimits {
    private static final long MB = 1024L * 1024L;

    private ResourceLimits() {
    }

    /** @param prefix "" for a plain run, "B2: " for one server of an A/B run */
    public static List<CheckResult> evaluate(BenchmarkConfig c, ResourceResult r, String prefix) {
        return List.of(
                CheckResult.atMost(prefix + "memory increase <= " + c.maxMemoryIncreaseMb() + " MB", "resources.memoryIncreaseBytes",
                        c.maxMemoryIncreaseMb() * MB, r.memoryIncreaseBytes(), true),
                CheckResult.atMost(prefix + "mean CPU <= " + fmt(c.maxCpuPercent()) + " % of machine", "resources.cpuMeanPercentOfMachine",
                        c.maxCpuPercent(), r.cpuMeanPercentOfMachine(), true),
                CheckResult.atMost(prefix + "GPU memory peak <= " + c.maxGpuMemoryMb() + " MB", "resources.gpuMemoryPeakBytes",
                        c.maxGpuMemoryMb() * MB, r.gpuMemoryPeakBytes(), true),
                CheckResult.atMost(prefix + "fallbacks <= " + fmt(c.maxFallbackPercent()) + " % of decisions", "resources.fallbackPercent",
                        c.maxFallbackPercent(), r.fallbackPercent() == null ? 0 : r.fallbackPercent(), true));
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
