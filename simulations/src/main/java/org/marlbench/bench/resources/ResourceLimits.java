package org.marlbench.bench.resources;

import java.util.List;
import org.marlbench.bench.config.BenchmarkConfig;
import org.marlbench.bench.stats.Check;

/** The three resource limits of the config, evaluated on a summary. Exceeding one fails the run. */
public final class ResourceLimits {
    private static final long MB = 1024L * 1024L;

    private ResourceLimits() {
    }

    public static List<Check> evaluate(BenchmarkConfig c, ResourceSummary r) {
        return List.of(
                Check.atMost("memory increase <= " + c.maxMemoryIncreaseMb() + " MB", "resources.memoryIncreaseBytes",
                        c.maxMemoryIncreaseMb() * MB, r.memoryIncreaseBytes(), true),
                Check.atMost("mean CPU <= " + fmt(c.maxCpuPercent()) + " % of machine", "resources.cpuMeanPercentOfMachine",
                        c.maxCpuPercent(), r.cpuMeanPercentOfMachine(), true),
                Check.atMost("GPU memory peak <= " + c.maxGpuMemoryMb() + " MB", "resources.gpuMemoryPeakBytes",
                        c.maxGpuMemoryMb() * MB, r.gpuMemoryPeakBytes(), true));
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
