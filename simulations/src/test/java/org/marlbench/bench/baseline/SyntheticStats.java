package org.marlbench.bench.baseline;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;

/**
 * Builds stats.json files in the shape of docs/stats-json.md from seeded log-normal latencies,
 * so the gate is tested on real encoded HdrHistograms without running a simulation.
 */
public final class SyntheticStats {
    public String simulation = "ConcurrentUsersSimulation";
    public String profile = "quick";
    public String status = "passed";
    public String gitCommit = "abc1234";
    public int count = 5000;
    public double medianMicros = 800;
    public double sigma = 0.35;
    public double scale = 1.0;
    public long seed = 1;
    public double throughput = 1000;
    public double errorRate = 0.0;
    public long memoryIncreaseBytes = 4L << 20;
    public double cpuMeanPercent = 120;
    public String cpuModel = "Test CPU @ 2.0GHz";
    public int cores = 2;
    public double targetP95Ms = 75;
    public double minThroughputOps = 100;
    public long gcTimeMsDelta = 0;
    public long fallbacksDelta = 0;

    public SyntheticStats with(java.util.function.Consumer<SyntheticStats> change) {
        change.accept(this);
        return this;
    }

    public ObjectNode build() {
        SplittableRandom random = new SplittableRandom(seed);
        ObjectNode root = StatsDocument.JSON.createObjectNode();
        root.put("schemaVersion", 1);
        root.put("simulation", simulation);
        root.put("runId", "20261127T130501Z-" + simulation + "-" + seed);
        root.put("startedAt", "2026-11-27T13:05:01.000Z");
        root.put("endedAt", "2026-11-27T13:05:11.000Z");
        root.put("gitCommit", gitCommit);
        root.put("configProfile", profile);
        ObjectNode config = root.putObject("config");
        config.put("targetP50Ms", 50).put("targetP95Ms", targetP95Ms).put("targetP99Ms", 100)
                .put("minThroughputOps", minThroughputOps).put("maxMemoryIncreaseMb", 50).put("maxCpuPercent", 80)
                .put("regressionThresholdPercent", 20).put("loadDurationSeconds", 10).put("users", 4);
        ObjectNode injection = root.putObject("injection");
        injection.put("profile", "closed").put("users", 4).put("durationSeconds", 10)
                .put("description", "closed: 4 concurrent users for 10 s");
        ObjectNode machine = root.putObject("machine");
        machine.put("cpuModel", cpuModel).put("cores", cores).put("memoryTotalBytes", 1L << 34)
                .put("os", "Linux 6.1 amd64").put("jvm", "17.0.15 (Debian)").put("engine", "PyTorch 2.7.1")
                .put("serverUrl", "http://127.0.0.1:41234");
        root.put("measuredRequest", "decision");
        ObjectNode decision = root.putObject("requests").putObject("decision");
        long failures = Math.round(count * errorRate);
        decision.put("count", count).put("failures", failures).put("errorRate", errorRate).put("throughputPerSecond", throughput);
        decision.set("client", block(random, medianMicros * scale));
        decision.set("serverModel", block(random, medianMicros * scale / 4));
        ObjectNode res = root.putObject("resources");
        res.put("intervalMs", 250).put("memoryIncreaseBytes", memoryIncreaseBytes).put("cpuMeanPercent", cpuMeanPercent)
                .put("cpuMeanPercentOfMachine", cpuMeanPercent / cores).put("gcCountDelta", gcTimeMsDelta > 0 ? 12 : 0)
                .put("gcTimeMsDelta", gcTimeMsDelta).put("fallbacksDelta", fallbacksDelta).put("serverErrorsDelta", 0);
        ArrayNode series = res.putArray("series");
        Instant start = Instant.parse("2026-11-27T13:05:01Z");
        for (int i = 0; i < 40; i++) {
            ObjectNode s = series.addObject();
            s.put("timestamp", start.plusMillis(250L * i).toString());
            s.putObject("process").put("rssBytes", (300L << 20) + i * (100L << 10)).put("cpuPercent", cpuMeanPercent + (i % 5) * 3);
        }
        ArrayNode checks = root.putArray("checks");
        checks.addObject().put("name", "p95 client < " + targetP95Ms + " ms").put("metric", "decision.client.p95Micros")
                .put("limit", targetP95Ms * 1000).put("actual", 1000).put("passed", "passed".equals(status));
        root.put("status", status);
        return root;
    }

    private ObjectNode block(SplittableRandom random, double median) {
        Histogram h = new Histogram(3);
        for (int i = 0; i < count; i++) {
            double z = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
            h.recordValue(Math.max(1, Math.round(median * Math.exp(sigma * z))));
        }
        ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int length = h.encodeIntoCompressedByteBuffer(buffer);
        ObjectNode b = StatsDocument.JSON.createObjectNode();
        b.put("count", h.getTotalCount()).put("minMicros", h.getMinValue())
                .put("p50Micros", h.getValueAtPercentile(50)).put("p75Micros", h.getValueAtPercentile(75))
                .put("p90Micros", h.getValueAtPercentile(90)).put("p95Micros", h.getValueAtPercentile(95))
                .put("p99Micros", h.getValueAtPercentile(99)).put("p999Micros", h.getValueAtPercentile(99.9))
                .put("maxMicros", h.getMaxValue()).put("meanMicros", h.getMean()).put("stdMicros", h.getStdDeviation());
        b.put("histogram", Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length)));
        b.put("histogramUnit", "micros").put("significantDigits", 3);
        return b;
    }

    /** Writes &lt;benchmarkDir&gt;/&lt;simulation&gt;/stats.json and returns its path. */
    public Path writeRun(Path benchmarkDir) throws IOException {
        Path file = benchmarkDir.resolve(simulation).resolve("stats.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, StatsDocument.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(build()));
        return file;
    }

    /** Writes a baseline file as the gate would record it. */
    public Path writeBaseline(Path baselineDir) throws IOException {
        ObjectNode root = build();
        root.put("baselineRecordedAt", "2026-11-01T10:00:00Z");
        Path file = baselineDir.resolve(profile).resolve(simulation + ".json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, StatsDocument.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        return file;
    }
}
