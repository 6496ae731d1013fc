package org.marlbench.bench.run;

import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.marlbench.bench.config.BenchSettings;
import org.marlbench.bench.config.BenchmarkConfig;
import org.marlbench.bench.load.RoundPlan;
import org.marlbench.bench.load.Slot;
import org.marlbench.bench.load.TimedRequest;
import org.marlbench.bench.load.Traffic;
import org.marlbench.bench.results.CheckResult;
import org.marlbench.bench.results.Injection;
import org.marlbench.bench.results.RequestResult;
import org.marlbench.bench.server.Fork;
import org.marlbench.bench.server.OwnerWatch;
import org.marlbench.bench.server.ServerSet;
import org.marlbench.bench.server.SpecProbe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulation's benchmark around Gatling. Opened while the simulation is built (the protocol
 * needs the server URLs): it reads the settings, starts or attaches the servers (one, or an A/B
 * pair of sides) and probes each against the SPEC. During the load it hands out the chains that
 * put requests where {@link Traffic} says; its {@link #verdict} step, the last of the load, runs the
 * {@link Pipeline} (stats.json, comparison, history, report) and fails the Gatling run when the
 * benchmark must fail; {@link #finish} (Gatling's {@code after()}) stops the servers.
 */
public final class Benchmark {
    private static final Logger LOG = LoggerFactory.getLogger(Benchmark.class);
    /** Request name of warm-up traffic: outside the measured window and every check. */
    public static final String WARMUP = Traffic.WARMUP;
    /** Request name of the final pass/fail step (see {@link #verdict}). */
    public static final String VERDICT = "benchmark verdict";

    /** The request every simulation's assertions are about. */
    public static final String DECISION = "decision";

    /** What a simulation measures, which decides how its servers and rounds are set up. */
    public enum Workload {
        /** One user, decisions in sequence: a plain run counts them (iterations), an A/B run times them in rounds. */
        SEQUENTIAL,
        /** Many users: a plain run measures for loadDurationSeconds after a warm-up of at least the user ramp. */
        CONCURRENT,
        /** Correctness only (the error paths): every server gets the whole sequence (one a side, or the shared A/B set). */
        ERROR_PATHS,
        /** Constant load for soak.seconds on one server, judged for leaks (plain runs only); recorded with JFR. */
        SOAK,
        /** Stepped open-model arrival rates on one server, judged for its knee (plain runs only). */
        CAPACITY;

        boolean comparable() {
            return this != SOAK && this != CAPACITY;
        }
    }

    private final RunContext context;
    private final Traffic traffic;
    private final ServerSet servers;
    private final LiveView progress;
    private volatile Injection injection;
    private String verdict;

    private Benchmark(RunContext context, Traffic traffic, ServerSet servers) {
        this.context = context;
        this.traffic = traffic;
        this.servers = servers;
        this.progress = LiveView.start(context.simulation(), traffic, servers);
    }

    /**
     * @param probeBody a valid decision request body for the SPEC probe
     */
    public static Benchmark open(Class<?> simulationClass, Workload workload, String probeBody) {
        OwnerWatch.exitWithMaven();
        BenchSettings settings = BenchSettings.load();
        String name = simulationClass.getSimpleName();
        Path outputDir = settings.outputRoot().resolve(name);
        prepare(outputDir);
        if (!workload.comparable() && settings.compare().enabled()) {
            throw new IllegalArgumentException(name + " looks at one server over time (" + workload.name().toLowerCase(java.util.Locale.ROOT)
                    + "); run it without -Dcompare.ref / -Dcompare.baseUrl");
        }
        if (workload == Workload.CONCURRENT && settings.compare().enabled()
                && !settings.properties().string("profile").equalsIgnoreCase("closed")) {
            throw new IllegalArgumentException("an A/B comparison needs a steady load: -Dprofile=closed (profile '"
                    + settings.properties().string("profile") + "' changes the load over time, so its rounds would differ by more than the servers do)");
        }
        String commit = GitCommit.shortHash(settings.repoRoot().toFile());
        // The error paths need one server a side, but shared servers are shared as a set: then every one gets the sequence.
        int forks = workload == Workload.ERROR_PATHS && !settings.compare().shareServers() ? 1 : settings.compare().forks();
        ServerSet servers = ServerSet.open(settings, outputDir, commit, forks, LOG::info);
        try {
            for (Fork f : servers.forks()) SpecProbe.requireConformant(servers.server(f).client(), probeBody);
            RoundPlan rounds = rounds(workload, settings, servers);
            Traffic traffic = new Traffic(servers.forks(), DECISION, settings.warmup(), 0, rounds, servers.warmedBy());
            Profiling profiling = Profiling.plan(workload == Workload.SOAK, settings, servers, outputDir);
            rounds.onStart(profiling::start);
            if (workload == Workload.CAPACITY) traffic.checkEachRound(CapacityRun.earlyStop(settings.diagnostics(), rounds));
            LOG.info("{}: profile '{}', {} ({}), output {}", name, settings.profileName(),
                    settings.compare().enabled() ? "A/B: " + servers.reference().describe() + " vs " + servers.underTest().describe()
                            : "server " + servers.forks().get(0).baseUrl(), servers.underTest().kind(), outputDir);
            RunContext context = new RunContext(settings, name, DECISION, outputDir, commit, MachineFingerprint.collect(),
                    workload, profiling);
            return new Benchmark(context, traffic, servers);
        } catch (RuntimeException e) {
            servers.close();
            throw e;
        }
    }

    /** The measured phase: A/B rounds, capacity steps, or one round (timed for concurrent and soak loads). */
    private static RoundPlan rounds(Workload workload, BenchSettings settings, ServerSet servers) {
        Fork first = servers.forks().get(0);
        if (settings.compare().enabled()) {
            // the single user is lighter than the warm-up's two; ten users are not (see RoundPlan's burn-in)
            int burnIn = workload == Workload.CONCURRENT ? settings.compare().burnInBlocks() : 0;
            return RoundPlan.alternating(servers.forks(), settings.compare().blocks(), burnIn, settings.compare().roundMillis(),
                    settings.compare().settleMillis());
        }
        return switch (workload) {
            case CONCURRENT -> RoundPlan.single(first, (settings.properties().nonNegativeLong("rampSeconds")
                    + settings.config().loadDurationSeconds()) * 1_000_000_000L);
            case SOAK -> RoundPlan.single(first, settings.diagnostics().soakSeconds() * 1_000_000_000L);
            case CAPACITY -> RoundPlan.steps(first, settings.diagnostics().capacitySteps(),
                    settings.diagnostics().capacityStepSeconds() * 1000L, settings.diagnostics().capacityRampSeconds() * 1000L);
            case SEQUENTIAL, ERROR_PATHS -> RoundPlan.single(first, Long.MAX_VALUE);
        };
    }

    private static void prepare(Path outputDir) {
        try {
            Files.createDirectories(outputDir);
            // A failed run must not leave an old result behind to be read as this one's.
            Files.deleteIfExists(outputDir.resolve("stats.json"));
            Files.deleteIfExists(outputDir.resolve("comparison.json"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare " + outputDir + ": " + e.getMessage(), e);
        }
    }

    public BenchSettings settings() {
        return context.settings();
    }

    public BenchmarkConfig config() {
        return context.settings().config();
    }

    public Traffic traffic() {
        return traffic;
    }

    /** The server under test (B1): the protocol's base URL, for requests outside the rounds. */
    public String baseUrl() {
        return traffic.forks().stream().filter(f -> !f.reference()).findFirst().orElseThrow().baseUrl();
    }

    /** The protocol's defaults for every simulation: the bearer token when the server wants one. */
    public HttpProtocolBuilder authorised(HttpProtocolBuilder protocol) {
        String token = context.settings().launch().authToken();
        return token == null ? protocol : protocol.authorizationHeader("Bearer " + token);
    }

    /** Requests sent through {@code chain} while the servers warm up (until steady, see SteadyStateWarmup). */
    public ChainBuilder warmUp(ChainBuilder request) {
        return asLongAs(session -> traffic.warmingUp()).on(request);
    }

    /**
     * The measured requests: in a plain run {@code iterations} of them in sequence (by count), in an
     * A/B run as long as the rounds last.
     */
    public ChainBuilder measured(int iterations, ChainBuilder request) {
        return traffic.comparing() ? asLongAs(session -> traffic.measuring()).on(request) : repeat(iterations).on(request);
    }

    /** The slots of warm-up requests (to the server being warmed). */
    public TimedRequest.Slots warmupSlots() {
        return traffic::warmupSlot;
    }

    /** The slots of measured requests (to the current round's server). */
    public TimedRequest.Slots measuredSlots() {
        return traffic::measuredSlot;
    }

    /** A fixed slot on one server: a sequence every server gets whole (the error paths). */
    public TimedRequest.Slots pinnedTo(Fork fork) {
        Slot slot = traffic.pinned(fork);
        return now -> slot;
    }

    /** The {@code injection} object of stats.json. */
    public void describeInjection(Injection description) {
        this.injection = description;
    }

    /**
     * The last step of the load, as a Gatling chain: runs the pipeline once and sends one request
     * named {@value #VERDICT} that is KO, with the reasons as its error, when the benchmark must fail
     * (a limit exceeded, a server died, nothing measured, a regression). {@link #verdictPassed()}
     * asserts on it. Why not throw from {@code after()}: Gatling 3.15 then exits non-zero but writes
     * no HTML report; a failed assertion keeps both.
     */
    public ChainBuilder verdict(Function<Map<String, RequestResult>, List<CheckResult>> latencyChecks) {
        return exec(session -> {
            evaluate(latencyChecks);
            return session;
        }).exec(http(VERDICT).get("/health")
                .check(bodyString().validate("benchmark checks passed", (body, session) -> {
                    String message = verdictMessage();
                    if (!Pipeline.PASSED.equals(message)) throw new IllegalStateException(message); // Gatling shows it as the error
                    return body;
                })));
    }

    /** The assertion that fails the Gatling run (and the Maven build) when the verdict is not "passed". */
    public Assertion verdictPassed() {
        return details(VERDICT).successfulRequests().count().is(1L);
    }

    /**
     * Call from {@code after()}: runs the pipeline if the verdict step never ran (the run was cut
     * short), then stops the servers. Never throws: Gatling's report must still be written.
     */
    public void finish(Function<Map<String, RequestResult>, List<CheckResult>> latencyChecks) {
        try {
            evaluate(latencyChecks);
        } catch (RuntimeException e) {
            LOG.error("evaluating the run failed", e);
        } finally {
            progress.close();
            if (traffic.warmup().finished()) servers.markWarm(context.simulation());
            servers.close();
        }
    }

    /** Once per run: the pipeline after the load. Returns "passed" or the reasons the run fails. */
    public synchronized String evaluate(Function<Map<String, RequestResult>, List<CheckResult>> latencyChecks) {
        if (verdict == null) {
            progress.close();
            verdict = Pipeline.run(context, traffic, servers, injection, latencyChecks);
        }
        return verdict;
    }

    public synchronized String verdictMessage() {
        return verdict == null ? "not evaluated" : verdict;
    }
}
