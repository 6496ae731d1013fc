package org.marlbench.bench.resources;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the server's resources did over the measured window, from its sidecar samples:
 * RSS start/end/peak, process CPU mean/peak (100 = one core) and as share of the machine,
 * GPU memory peak, and the deltas of the GC, fallback and error counters.
 */
public record ResourceSummary(long intervalMs, int sampleCount, int cores,
                              long rssStartBytes, long rssEndBytes, long rssPeakBytes,
                              double cpuMeanPercent, double cpuPeakPercent,
                              long gpuMemoryPeakBytes, long gcCountDelta, long gcTimeMsDelta,
                              long fallbacksDelta, long serverErrorsDelta, List<JsonNode> series) {

    public static ResourceSummary of(long intervalMs, List<JsonNode> window) {
        if (window.isEmpty()) {
            throw new IllegalStateException("the sidecar returned no resource samples for the measured window");
        }
        JsonNode first = window.get(0);
        JsonNode last = window.get(window.size() - 1);
        long rssPeak = 0;
        double cpuSum = 0;
        double cpuPeak = 0;
        long gpuPeak = 0;
        // The first sample is the baseline before the window: its CPU belongs to the warm-up.
        List<JsonNode> inside = window.size() > 1 ? window.subList(1, window.size()) : window;
        for (JsonNode s : window) {
            rssPeak = Math.max(rssPeak, s.path("process").path("rssBytes").asLong());
            long gpuUsed = 0;
            for (JsonNode g : s.path("gpu")) gpuUsed += g.path("memoryUsedBytes").asLong();
            gpuPeak = Math.max(gpuPeak, gpuUsed);
        }
        for (JsonNode s : inside) {
            double cpu = s.path("process").path("cpuPercent").asDouble();
            cpuSum += cpu;
            cpuPeak = Math.max(cpuPeak, cpu);
        }
        int cores = Math.max(1, last.path("system").path("cores").asInt(Runtime.getRuntime().availableProcessors()));
        return new ResourceSummary(intervalMs, window.size(), cores,
                rss(first), rss(last), rssPeak,
                cpuSum / inside.size(), cpuPeak, gpuPeak,
                delta(first, last, "process", "gcCount"), delta(first, last, "process", "gcTimeMs"),
                delta(first, last, "inference", "fallbacks"), delta(first, last, "inference", "errors"),
                List.copyOf(window));
    }

    private static long rss(JsonNode s) {
        return s.path("process").path("rssBytes").asLong();
    }

    private static long delta(JsonNode first, JsonNode last, String group, String field) {
        return last.path(group).path(field).asLong() - first.path(group).path(field).asLong();
    }

    public long memoryIncreaseBytes() {
        return rssEndBytes - rssStartBytes;
    }

    public long memoryPeakIncreaseBytes() {
        return rssPeakBytes - rssStartBytes;
    }

    /** Process CPU as a share of the whole machine: 100 = every core busy. */
    public double cpuMeanPercentOfMachine() {
        return cpuMeanPercent / cores;
    }

    /** The {@code resources} object of stats.json. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("intervalMs", intervalMs);
        m.put("rssStartBytes", rssStartBytes);
        m.put("rssEndBytes", rssEndBytes);
        m.put("rssPeakBytes", rssPeakBytes);
        m.put("memoryIncreaseBytes", memoryIncreaseBytes());
        m.put("memoryPeakIncreaseBytes", memoryPeakIncreaseBytes());
        m.put("cpuMeanPercent", cpuMeanPercent);
        m.put("cpuPeakPercent", cpuPeakPercent);
        m.put("cpuMeanPercentOfMachine", cpuMeanPercentOfMachine());
        m.put("gpuMemoryPeakBytes", gpuMemoryPeakBytes);
        m.put("gcCountDelta", gcCountDelta);
        m.put("gcTimeMsDelta", gcTimeMsDelta);
        m.put("fallbacksDelta", fallbacksDelta);
        m.put("serverErrorsDelta", serverErrorsDelta);
        m.put("series", series);
        return m;
    }
}
