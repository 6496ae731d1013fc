package org.marlbench.bench.resources;

import java.util.List;
import org.marlbench.bench.config.BenchmarkConfig;
import org.marlbench.bench.results.CheckResult;
import org.marlbench.bench.results.ResourceResult;
import org.marlbench.bench.results.SidecarSample;

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
        return evaluate(c, r, prefix, CheckResult.atMost(prefix + "memory increase <= " + c.maxMemoryIncreaseMb() + " MB",
                "resources.memoryIncreaseBytes", c.maxMemoryIncreaseMb() * MB, r.memoryIncreaseBytes(), true));
    }

    /**
     * A soak's limits, its memory increase counted over its settled half ({@link ResourceSummary#settledHalf},
     * the samples its leak verdict is judged on too). Over the whole window, quick soaks after a warm-up
     * cut at its cap grew 17 MB in one run and 59 MB in another, over the 50 MB limit, with no leak found
     * in their second halves.
     */
    public static List<CheckResult> evaluateSoak(BenchmarkConfig c, ResourceResult whole) {
        return evaluate(c, whole, "", CheckResult.atMost("memory increase over the soak's second half <= "
                + c.maxMemoryIncreaseMb() + " MB", "resources.series (RSS, second half)", c.maxMemoryIncreaseMb() * MB,
                secondHalfIncreaseBytes(whole), true));
    }

    static long secondHalfIncreaseBytes(ResourceResult whole) {
        if (whole.series().size() < 2) {
            throw new IllegalStateException("a soak's memory limit needs its sidecar samples (series not kept)");
        }
        List<SidecarSample> settled = ResourceSummary.settledHalf(whole.series());
        return ResourceSummary.rss(settled.get(settled.size() - 1)) - ResourceSummary.rss(settled.get(0));
    }

    private static List<CheckResult> evaluate(BenchmarkConfig c, ResourceResult r, String prefix, CheckResult memory) {
        return List.of(
                memory,
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
