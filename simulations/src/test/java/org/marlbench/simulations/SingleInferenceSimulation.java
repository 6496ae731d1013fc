package org.marlbench.simulations;

import static io.gatling.javaapi.core.CoreDsl.*;

import io.gatling.javaapi.core.*;
import io.gatling.javaapi.http.*;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.marlbench.bench.config.BenchmarkConfig;
import org.marlbench.bench.results.CheckResult;
import org.marlbench.bench.results.Injection;
import org.marlbench.bench.results.LatencyChecks;
import org.marlbench.bench.results.RequestResult;
import org.marlbench.bench.run.Benchmark;
import org.marlbench.feeders.MarketFeed;
import org.marlbench.feeders.MarketRecord;

/**
 * One user, one decision at a time: the latency of a single inference with nothing else going on.
 * Warm-up requests first (named "warmup", outside every assertion; {@code warmup.users} users, so the
 * servers are steady sooner), then one user's {@code iterations} measured decisions in sequence, back to back or {@code thinkTimeMs} apart
 * (in an A/B run: as many as the rounds take, alternating between the reference and this build).
 */
public class SingleInferenceSimulation extends Simulation {

    // Feeder: realistic market matrices, pre-encoded request bodies, cycled.
    List<MarketRecord> market = MarketFeed.load();
    MarketBodies marketBodies = MarketBodies.circular(market);

    // The benchmark around Gatling: settings, the server(s), µs statistics, the pipeline after the load.
    Benchmark bench = Benchmark.open(getClass(), Benchmark.Workload.SEQUENTIAL, market.get(0).bodyJson());
    BenchmarkConfig config = bench.config();
    long thinkTimeMs = bench.settings().thinkTimeMs();

    // Behaviours
    ChainBuilder warmUp = bench.warmUp(DecisionApi.decide(marketBodies, bench, Benchmark.WARMUP, bench.warmupSlots()));
    ChainBuilder decide = DecisionApi.decide(marketBodies, bench, Benchmark.DECISION, bench.measuredSlots());
    ChainBuilder thinkBriefly = pause(Duration.ofMillis(thinkTimeMs));
    ChainBuilder decideInSequence = bench.measured(config.iterations(), thinkTimeMs == 0 ? decide : decide.exec(thinkBriefly));

    // Pass/fail of what Gatling cannot see (resources, servers, comparison): a last request.
    List<CheckResult> checks(Map<String, RequestResult> requests) {
        RequestResult decision = requests.get(Benchmark.DECISION);
        return List.of(
                LatencyChecks.clientPercentileBelow(Benchmark.DECISION, decision, 50, config.targetP50Ms()),
                LatencyChecks.clientPercentileBelow(Benchmark.DECISION, decision, 95, config.targetP95Ms()),
                LatencyChecks.clientPercentileBelow(Benchmark.DECISION, decision, 99, config.targetP99Ms()),
                LatencyChecks.failedBelowPercent(Benchmark.DECISION, decision, 5.0));
    }

    ChainBuilder verdict = bench.verdict(this::checks);

    // Protocol: one kept-alive connection per server, JSON both ways.
    HttpProtocolBuilder httpProtocol = DecisionApi.protocol(bench);

    // Scenarios: a few users warm the server(s) up (sooner steady), then one user decides in sequence.
    ScenarioBuilder warmers = scenario("warm-up").exec(warmUp);
    ScenarioBuilder singleUser = scenario("single inference").exec(decideInSequence, verdict);

    {
        bench.describeInjection(Injection.sequential("sequential: 1 user after " + bench.settings().warmup().users()
                + " warm-up users until steady (at least "
                + config.warmupIterations() + " requests), then " + (bench.traffic().comparing() ? "A/B rounds of"
                : config.iterations() + " measured") + " decisions " + (thinkTimeMs == 0 ? "back to back" : thinkTimeMs + " ms apart"),
                thinkTimeMs));

        setUp(warmers.injectOpen(atOnceUsers(bench.settings().warmup().users()))
                .andThen(singleUser.injectOpen(atOnceUsers(1))))
                .protocols(httpProtocol)
                .maxDuration(Duration.ofMinutes(20).plusMillis(config.iterations() * thinkTimeMs))
                .assertions(
                        details(Benchmark.DECISION).responseTime().percentile(50.0).lt(config.targetP50Ms()),
                        details(Benchmark.DECISION).responseTime().percentile(95.0).lt(config.targetP95Ms()),
                        details(Benchmark.DECISION).responseTime().percentile(99.0).lt(config.targetP99Ms()),
                        details(Benchmark.DECISION).failedRequests().percent().lt(5.0),
                        bench.verdictPassed());
    }

    @Override
    public void after() {
        bench.finish(this::checks);
    }
}
