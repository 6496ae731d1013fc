package org.marlbench.bench.results;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * One sample of GET /sidecar/resources: SPEC's fields (anything else a server sends is ignored, so
 * outside servers that speak SPEC work), plus three our server adds for the soak run's leak verdict
 * and allocation rate, null when a server does not send them: {@code process.heapUsedAfterGcBytes},
 * {@code process.allocatedBytes} (all threads, cumulative) and {@code inference.nativeArrays} (the
 * engine's live NDArrays). {@link #epochMs()} reads SPEC's ISO timestamp.
 */
public record SidecarSample(String timestamp, Process process, SystemInfo system, List<Gpu> gpu, Inference inference) {

    public record Process(long rssBytes, long heapUsedBytes, long heapMaxBytes, long nonHeapUsedBytes, double cpuPercent,
                          int threads, long gcCount, long gcTimeMs, Long heapUsedAfterGcBytes, Long allocatedBytes) {
        public Process(long rssBytes, long heapUsedBytes, long heapMaxBytes, long nonHeapUsedBytes, double cpuPercent,
                       int threads, long gcCount, long gcTimeMs) {
            this(rssBytes, heapUsedBytes, heapMaxBytes, nonHeapUsedBytes, cpuPercent, threads, gcCount, gcTimeMs, null, null);
        }
    }

    public record SystemInfo(double cpuPercent, int cores, long memoryTotalBytes, long memoryAvailableBytes,
                             double loadAverage1m) {
    }

    public record Gpu(int index, String name, long memoryUsedBytes, long memoryTotalBytes) {
    }

    public record Inference(long requests, long errors, long inFlight, long fallbacks, Long nativeArrays) {
        public Inference(long requests, long errors, long inFlight, long fallbacks) {
            this(requests, errors, inFlight, fallbacks, null);
        }
    }

    /** @throws IllegalStateException when the timestamp is missing or not ISO-8601 */
    public long epochMs() {
        if (timestamp == null) throw new IllegalStateException("sidecar sample without the SPEC field 'timestamp'");
        try {
            return Instant.parse(timestamp).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("sidecar sample timestamp '" + timestamp + "' is not ISO-8601");
        }
    }

    public long gpuMemoryUsedBytes() {
        long sum = 0;
        if (gpu != null) for (Gpu g : gpu) sum += g.memoryUsedBytes();
        return sum;
    }
}
