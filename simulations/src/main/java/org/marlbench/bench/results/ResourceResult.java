package org.marlbench.bench.results;

import java.util.List;

/**
 * What a server's resources did over the measured window, from its sidecar samples: RSS start,
 * end and peak, process CPU (100 = one core) mean and peak and as a share of the machine, GPU
 * memory peak, the deltas of the GC, fallback and error counters, the decisions measured and the
 * share of them answered with an agent fallen back,
 * and the samples themselves ({@code series}; empty where it is not kept).
 */
public record ResourceResult(String server, long intervalMs, int sampleCount, int cores, long rssStartBytes,
                             long rssEndBytes, long rssPeakBytes, long memoryIncreaseBytes, long memoryPeakIncreaseBytes,
                             double cpuMeanPercent, double cpuPeakPercent, double cpuMeanPercentOfMachine,
                             long gpuMemoryPeakBytes, long gcCountDelta, long gcTimeMsDelta, long decisions,
                             long fallbacksDelta, Double fallbackPercent, long serverErrorsDelta, List<SidecarSample> series) {

    public ResourceResult withoutSeries() {
        return new ResourceResult(server, intervalMs, sampleCount, cores, rssStartBytes, rssEndBytes, rssPeakBytes,
                memoryIncreaseBytes, memoryPeakIncreaseBytes, cpuMeanPercent, cpuPeakPercent, cpuMeanPercentOfMachine,
                gpuMemoryPeakBytes, gcCountDelta, gcTimeMsDelta, decisions, fallbacksDelta, fallbackPercent, serverErrorsDelta,
                List.of());
    }
}
