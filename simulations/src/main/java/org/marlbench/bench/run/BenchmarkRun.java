package org.marlbench.bench.run;

import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.http.HttpDsl.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ChainBuilder;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.marlbench.bench.config.BenchmarkConfig;
import org.marlbench.bench.config.LoadedConfig;
import org.marlbench.bench.resources.ResourceLimits;
import org.marlbench.bench.resources.ResourceSummary;
import org.marlbench.bench.resources.SidecarSeries;
import org.marlbench.bench.server.HealthCheck;
import org.marlbench.bench.server.ServerTarget;
import org.marlbench.bench.server.ServerTargets;
import org.marlbench.bench.server.SpecProbe;
import org.marlbench.bench.stats.Check;
import org.marlbench.bench.stats.LatencyRegistry;
import org.marlbench.bench.stats.RequestStats;
import org.marlbench.bench.stats.StatsJson;
import org.marlbench.bench.stats.SummaryTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulation's benchmark around Gatling: opened while the simulation is built (the
 * protocol needs the server URL), it loads the config, starts or attaches the server and
 * probes it against the SPEC; its {@link #verdict} step, the last of the load, reads the
 * resources of the measured window, evaluates the checks, writes stats.json, prints the
 * summary and asks the baseline gate; {@link #finish} (Gatling's {@code after()}) stops the server.
 */
public final class BenchmarkRun {
    private static final Logger LOG = LoggerFactory.getLogger(BenchmarkRun.class);
    /** Request name of warm-up traffic: outside the measured window and the resource checks. */
    public static final String WARMUP = "warmup";
    /** Request name of the final pass/fail step (see {@link #verdict}). */
    public static final String VERDICT = "benchmark verdict";
    public static final String PASSED = "passed";

    private final String simulation;
    private final String measuredRequest;
    private final LoadedConfig loaded;
    private final Path outputDir;
    private final ServerTarget server;
    private final JsonNode health;
    private final LatencyRegistry registry = new LatencyRegistry();
    private Map<String, Object> injection = Map.of();
    private String verdict;

    private BenchmarkRun(String simulation, String measuredRequest, LoadedConfig loaded, Path outputDir,
                         ServerTarget server, JsonNode health) {
        this.simulation = simulation;
        this.measuredRequest = measuredRequest;
        this.loaded = loaded;
        this.outputDir = outputDir;
        this.server = server;
        this.health = health;
    }

    /**
     * @param probeBody a valid decision request body used for the SPEC probe
     */
    public static BenchmarkRun open(Class<?> simulationClass, String measuredRequest, String probeBody) {
        Properties system = System.getProperties();
        LoadedConfig loaded = BenchmarkConfig.load();
        String name = simulationClass.getSimpleName();
        Path outputDir = outputRoot(system).resolve(name);
        try {
            Files.createDirectories(outputDir);
            Files.deleteIfExists(outputDir.resolve("stats.json")); // a failed run must not leave an old result
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare " + outputDir + ": " + e.getMessage(), e);
        }
        ServerTarget server = ServerTargets.open(system, outputDir);
        try {
            JsonNode health = HealthCheck.fetch(server.baseUrl());
            SpecProbe.requireConformant(server.baseUrl(), probeBody);
            LOG.info("{}: config profile '{}', server {} ({}), output {}", name, loaded.profileName(),
                    server.baseUrl(), server.kind(), outputDir);
            return new BenchmarkRun(name, measuredRequest, loaded, outputDir, server, health);
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            throw e instanceof RuntimeException re ? re : new IllegalStateException(e.getMessage(), e);
        }
    }

    static Path outputRoot(Properties system) {
        String configured = system.getProperty("bench.outputDir");
        return Path.of(configured != null && !configured.isBlank() ? configured : defaultOutputRoot());
    }

    private static String defaultOutputRoot() {
        // Run from the repository root or from simulations/: both land in simulations/target.
        return new File("simulations/pom.xml").isFile() ? "simulations/target/benchmark" : "target/benchmark";
    }

    public BenchmarkConfig config() {
        return loaded.config();
    }

    public LoadedConfig loaded() {
        return loaded;
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    public LatencyRegistry registry() {
        return registry;
    }

    public Path outputDir() {
        return outputDir;
    }

    /** The {@code injection} object of stats.json. */
    public void describeInjection(Map<String, Object> description) {
        this.injection = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(description)); // values may be null
    }

    /**
     * The last step of the load, as a Gatling chain: evaluates the run ({@link #evaluate}) and
     * sends one request named {@value #VERDICT} that is KO, with the reasons as its error,
     * when the benchmark must fail (resource limit, dead server, nothing measured, baseline
     * regression). {@link #verdictPassed()} asserts on it. Why not throw from {@code after()}:
     * Gatling 3.15 then exits non-zero but writes no HTML report; a failed assertion keeps both.
     * Evaluation blocks this virtual user for up to a few seconds, after the load is over.
     */
    public ChainBuilder verdict(Function<Map<String, RequestStats>, List<Check>> latencyChecks) {
        return exec(session -> {
            evaluate(latencyChecks);
            return session;
        }).exec(http(VERDICT).get("/health")
                .check(bodyString().validate("benchmark checks passed", (body, session) -> {
                    String message = verdictMessage();
                    if (!PASSED.equals(message)) throw new IllegalStateException(message); // Gatling shows it as the error
                    return body;
                })));
    }

    /** The assertion that fails the Gatling run (and the Maven build) when the verdict is not "passed". */
    public Assertion verdictPassed() {
        return details(VERDICT).successfulRequests().count().is(1L);
    }

    /**
     * Call from {@code after()}: evaluates the run if the verdict step never ran (run cut
     * short), then stops the server. Never throws: the report must still be generated.
     */
    public void finish(Function<Map<String, RequestStats>, List<Check>> latencyChecks) {
        try {
            evaluate(latencyChecks);
        } finally {
            server.close();
        }
    }

    /**
     * Once per run: reads the resources of the measured window, evaluates every check, writes
     * stats.json, prints the summary and asks the baseline gate. Returns {@value #PASSED} or
     * the reasons the run fails.
     */
    public synchronized String evaluate(Function<Map<String, RequestStats>, List<Check>> latencyChecks) {
        if (verdict != null) return verdict;
        List<String> failures = new ArrayList<>();
        Path statsFile = outputDir.resolve("stats.json");
        try {
            Map<String, RequestStats> requests = registry.snapshot();
            RequestStats measured = requests.get(measuredRequest);
            boolean anyMeasured = measured != null && measured.count() > 0;
            List<Check> checks = new ArrayList<>();
            checks.add(Check.atLeast("measured requests > 0", measuredRequest + ".count", 1,
                    anyMeasured ? measured.count() : 0, true));
            if (anyMeasured) checks.addAll(latencyChecks.apply(requests));
            boolean alive = server.alive();
            checks.add(Check.atLeast("server alive at end", "server.alive", 1, alive ? 1 : 0, true));
            if (!alive) failures.add(server.deathReport());

            // The measured window: every request but the warm-up, first sent to last answered.
            long startMs = requests.values().stream().filter(r -> !r.name().equals(WARMUP) && r.count() > 0)
                    .mapToLong(RequestStats::firstStartEpochMs).min().orElse(System.currentTimeMillis());
            long endMs = requests.values().stream().filter(r -> !r.name().equals(WARMUP) && r.count() > 0)
                    .mapToLong(RequestStats::lastEndEpochMs).max().orElse(startMs);
            Map<String, Object> resources;
            if (alive && anyMeasured) {
                ResourceSummary summary = resources(startMs, endMs);
                resources = summary.asMap();
                checks.addAll(ResourceLimits.evaluate(config(), summary));
            } else {
                resources = Map.of("error", "no resource samples: " + (alive ? "nothing measured" : "server not alive"));
            }
            StatsJson.Run run = new StatsJson.Run(simulation, Instant.ofEpochMilli(startMs), Instant.ofEpochMilli(endMs),
                    gitCommit(), loaded.profileName(), config().asMap(), injection,
                    MachineFingerprint.collect(health, server.baseUrl()), measuredRequest, requests, resources, checks);
            StatsJson.write(run, statsFile);
            LOG.info("{}{}stats: {}", SummaryTable.render(simulation, requests, checks), System.lineSeparator(), statsFile);
            checks.stream().filter(c -> c.failsRun() && !c.passed()).forEach(c -> failures.add(c.toString()));
        } catch (IOException | RuntimeException e) {
            LOG.error("evaluating the run failed", e);
            failures.add("writing the benchmark results failed: " + e);
        }
        if (Files.isRegularFile(statsFile)) {
            try {
                if (!BaselineStep.afterRun(statsFile)) failures.add("baseline regression for " + statsFile);
            } catch (RuntimeException e) {
                failures.add(e.getMessage());
            }
        }
        if (failures.isEmpty()) {
            verdict = PASSED;
        } else {
            verdict = simulation + " FAILED: " + String.join("; ", failures);
            LOG.error(verdict);
        }
        return verdict;
    }

    /** {@value #PASSED}, the failure reasons, or "not evaluated". */
    public synchronized String verdictMessage() {
        return verdict == null ? "not evaluated" : verdict;
    }

    /** Waits for the sampler to pass the end of the window, then summarises it. */
    private ResourceSummary resources(long startMs, long endMs) {
        long since = startMs - 10_000; // include the baseline sample before the window
        SidecarSeries series = SidecarSeries.fetch(server.baseUrl(), since);
        long deadline = System.currentTimeMillis() + Math.max(2_000, 4 * series.intervalMs());
        while (!series.hasSampleAtOrAfter(endMs) && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(Math.max(50, series.intervalMs() / 2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            series = SidecarSeries.fetch(server.baseUrl(), since);
        }
        return ResourceSummary.of(series.intervalMs(), series.window(startMs, endMs));
    }

    private static String gitCommit() {
        String dir = System.getProperty("bench.projectDir", ".");
        return GitCommit.shortHash(new File(dir));
    }
}
