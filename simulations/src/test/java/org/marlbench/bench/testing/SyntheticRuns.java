package org.marlbench.bench.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.marlbench.bench.config.BenchmarkConfig;
import org.marlbench.bench.files.Json;
import org.marlbench.bench.load.RoundPlan;
import org.marlbench.bench.results.AbRun;
import org.marlbench.bench.results.CheckResult;
import org.marlbench.bench.results.Injection;
import org.marlbench.bench.results.LatencyBlock;
import org.marlbench.bench.results.Machine;
import org.marlbench.bench.results.RequestResult;
import org.marlbench.bench.results.ResourceResult;
import org.marlbench.bench.results.RoundResult;
import org.marlbench.bench.results.SidecarSample;
import org.marlbench.bench.results.StatsFile;
import org.marlbench.bench.results.TargetInfo;
import org.marlbench.bench.results.TimelinePoint;
import org.marlbench.bench.results.WarmupResult;
import org.marlbench.bench.stats.Histograms;

/**
 * stats.json records made from seeded log-normal latencies (real encoded HdrHistograms), for the
 * gate, the history and the report to be tested without running a simulation. A/B runs get rounds
 * drawn from a model with a true ratio, per-JVM effects, round noise and a drift over time.
 */
public final class SyntheticRuns {
    public String simulation = "ConcurrentUsersSimulation";
    public String profile = "quick";
    public boolean passed = true;
    public String gitCommit = "abc1234";
    public int count = 5000;
    public double medianMicros = 800;
    public double sigma = 0.35;
    public double scale = 1.0;
    public long seed = 1;
    public double windowSeconds = 10;
    public double errorRate = 0.0;
    public long memoryIncreaseBytes = 4L << 20;
    public double cpuMeanPercent = 120;
    public String cpuModel = "Test CPU @ 2.0GHz";
    public int cores = 2;
    public String engineVersion = "2.7.1";
    public int targetP95Ms = 75;
    public double minThroughputOps = 100;
    public long gcTimeMsDelta = 0;
    public long fallbacksDelta = 0;
    // A/B: true ratio B/A, sd of log per-JVM effects, sd of log round noise, drift of log per round
    public boolean ab = false;
    public double trueRatio = 1.0;
    /** A/B: B's p99 values (client, server total, server model) are this much worse on top of trueRatio. */
    public double tailRatio = 1.0;
    public double forkSigma = 0.0;
    public double roundSigma = 0.03;
    public double driftPerRound = 0.0;
    public int forksPerSide = 2;
    public int blocks = 4;
    public long roundRequests = 2000;

    public SyntheticRuns with(java.util.function.Consumer<SyntheticRuns> change) {
        change.accept(this);
        return this;
    }

    public static BenchmarkConfig config(int targetP95Ms, double minThroughputOps) {
        return new BenchmarkConfig(50, targetP95Ms, 100, minThroughputOps, 50, 80, 256, 1, 10, 100, 10, 4, 20);
    }

    public TargetInfo target(String role) {
        return new TargetInfo(role, "http://127.0.0.1:41234", "managed", gitCommit, ab ? forksPerSide : 1, "PyTorch",
                engineVersion, "seeded", Map.of());
    }

    public Machine machine() {
        return new Machine(cpuModel, cores, 1L << 34, "Linux 6.1 amd64", "17.0.15 (Debian)");
    }

    public StatsFile build() {
        SplittableRandom random = new SplittableRandom(seed);
        long failures = Math.round(count * errorRate);
        RequestResult decision = new RequestResult(count, failures, errorRate, (count - failures) / windowSeconds, windowSeconds,
                block(random, count - failures, medianMicros * scale), block(random, count - failures, medianMicros * scale * 0.6),
                block(random, count - failures, medianMicros * scale / 4), LatencyBlock.of(Histograms.newPlain()));
        Map<String, RequestResult> requests = new LinkedHashMap<>();
        requests.put("decision", decision);
        List<SidecarSample> series = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            series.add(new SidecarSample(java.time.Instant.parse("2026-11-27T13:05:01Z").plusMillis(250L * i).toString(),
                    new SidecarSample.Process((300L << 20) + i * (100L << 10), 0, 0, 0, cpuMeanPercent + (i % 5) * 3, 40,
                            gcTimeMsDelta > 0 ? i : 0, gcTimeMsDelta * i / 39),
                    new SidecarSample.SystemInfo(50, cores, 1L << 34, 1L << 33, 1.0), List.of(),
                    new SidecarSample.Inference(i * 100L, 0, 1, fallbacksDelta * i / 39)));
        }
        ResourceResult resources = new ResourceResult("B1", 250, series.size(), cores, 300L << 20, (300L << 20) + memoryIncreaseBytes,
                (300L << 20) + memoryIncreaseBytes, memoryIncreaseBytes, memoryIncreaseBytes, cpuMeanPercent, cpuMeanPercent + 12,
                cpuMeanPercent / cores, 0, gcTimeMsDelta > 0 ? 12 : 0, gcTimeMsDelta, count - failures, fallbacksDelta,
                100.0 * fallbacksDelta / Math.max(1, count - failures), 0, series);
        List<CheckResult> checks = List.of(CheckResult.below("p95 client < " + targetP95Ms + " ms", "decision.client.p95Micros",
                targetP95Ms * 1000.0, passed ? 1000 : 1e9, true));
        List<TimelinePoint> timeline = new ArrayList<>();
        for (int s = 0; s < 12; s++) timeline.add(new TimelinePoint(s, 500, 0, (long) (medianMicros * (s < 3 ? 3 : 1)), (long) (medianMicros * 4)));
        return new StatsFile(StatsFile.SCHEMA_VERSION, simulation, "20261127T130501Z-" + simulation + "-" + seed,
                "2026-11-27T13:05:01Z", "2026-11-27T13:05:11Z", gitCommit, profile, config(targetP95Ms, minThroughputOps),
                new Injection("closed", 4, 10, 1, null, null, null, null, "closed: 4 concurrent users for 10 s"), machine(),
                target("under test"), new WarmupResult(true, 3.0, 1500, List.of(new WarmupResult.Server("B1", true, 3.0, 1500,
                List.of(900L, 810L, 805L, 801L))), null), "decision", requests, resources, null, checks, passed ? "passed" : "failed",
                timeline, ab ? abRun(random) : null, null);
    }

    /** Rounds of a palindromic A/B design drawn from the model; B = A x trueRatio on every metric. */
    AbRun abRun(SplittableRandom random) {
        int k = forksPerSide;
        double[] forkEffect = new double[2 * k];
        for (int f = 0; f < 2 * k; f++) forkEffect[f] = forkSigma * gaussian(random);
        List<RoundResult> rounds = new ArrayList<>();
        int position = 0;
        for (int b = 0; b < blocks; b++) {
            int[] order = RoundPlan.palindrome(k, b);
            for (int p = 0; p < order.length; p++) {
                int f = order[p];
                boolean a = f < k;
                double log = Math.log(medianMicros) + (a ? 0 : Math.log(trueRatio)) + forkEffect[f]
                        + driftPerRound * position + roundSigma * gaussian(random);
                double v = Math.exp(log);
                double tput = 1e6 / v * 4;
                double tail = a ? 1 : tailRatio;
                rounds.add(new RoundResult(b, p, f, (a ? "A" : "B") + (a ? f + 1 : f - k + 1), a ? "A" : "B",
                        position * 2000L, position * 2000L + 1800, roundRequests, 0, v, v * 2, v * 4 * tail, v * 0.6, v * 1.5,
                        v * 3 * tail, v / 4, v / 3, v / 2 * tail, tput, v * 0.8));
                position++;
            }
        }
        Map<String, RequestResult> reference = new LinkedHashMap<>();
        reference.put("decision", new RequestResult(count, 0, 0.0, count / windowSeconds, windowSeconds,
                block(random, count, medianMicros), block(random, count, medianMicros * 0.6), block(random, count, medianMicros / 4),
                LatencyBlock.of(Histograms.newPlain())));
        return new AbRun(target("reference"), reference, List.of(new TimelinePoint(0, 10, 0, 900L, 2000L),
                new TimelinePoint(1, 10, 0, 850L, 1900L)), k, blocks, 2000, 200, rounds, forkResources(k), 0);
    }

    /** Each JVM's resources over its rounds: fallbacksDelta split between the B JVMs, none on A. */
    List<ResourceResult> forkResources(int k) {
        List<ResourceResult> out = new ArrayList<>();
        for (int f = 0; f < 2 * k; f++) {
            boolean a = f < k;
            long fallbacks = a ? 0 : fallbacksDelta / k;
            long decisions = blocks * 2 * roundRequests;
            out.add(new ResourceResult((a ? "A" : "B") + (f % k + 1), 250, 60, cores, 300L << 20, 300L << 20, 300L << 20, 0, 0,
                    cpuMeanPercent, cpuMeanPercent, cpuMeanPercent / cores, 0, 0, 0, decisions, fallbacks,
                    100.0 * fallbacks / decisions, 0, List.of()));
        }
        return out;
    }

    private LatencyBlock block(SplittableRandom random, long n, double median) {
        Histogram h = Histograms.newPlain();
        for (long i = 0; i < n; i++) h.recordValue(Math.max(1, Math.round(median * Math.exp(sigma * gaussian(random)))));
        return LatencyBlock.of(h);
    }

    public static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /** Writes &lt;benchmarkDir&gt;/&lt;simulation&gt;/stats.json and returns the record. */
    public StatsFile writeRun(Path benchmarkDir) throws java.io.IOException {
        StatsFile s = build();
        Path file = benchmarkDir.resolve(simulation).resolve(StatsFile.FILE_NAME);
        Files.createDirectories(file.getParent());
        Json.write(file, s);
        return s;
    }
}
