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
 * Constant load for a long time: does memory keep growing? {@code users} closed-model users warm the
 * server up and then decide for {@code soak.seconds} (10 minutes by default, 40 s quick) while the
 * server is recorded with JFR; the leak verdict comes from the slopes of its RSS, heap after GC and
 * live native arrays after the warm-up. Not part of the default run:
 * {@code mvn gatling:test -Dgatling.simulationClass=org.marlbench.simulations.SoakSimulation}.
 */
public class SoakSimulation extends Simulation {

    // Feeder: realistic market matrices, pre-encoded request bodies, cycled.
    List<MarketRecord> market = MarketFeed.load();
    MarketBodies marketBodies = MarketBodies.circular(market);

    // The benchmark around Gatling: settings, the server, µs statistics, the pipeline after the load.
    Benchmark bench = Benchmark.open(getClass(), Benchmark.Workload.SOAK, market.get(0).bodyJson());
    BenchmarkConfig config = bench.config();
    int soakSeconds = bench.settings().diagnostics().soakSeconds();

    // Behaviours
    ChainBuilder warmUp = bench.warmUp(DecisionApi.decide(marketBodies, bench, Benchmark.WARMUP, bench.warmupSlots()));
    ChainBuilder decideForTheWholeSoak = asLongAs(session -> bench.traffic().measuring())
            .on(DecisionApi.decide(marketBodies, bench, Benchmark.DECISION, bench.measuredSlots()));

    // Pass/fail of what Gatling cannot see (the leak verdict, resources, the server): a last request.
    List<CheckResult> checks(Map<String, RequestResult> requests) {
        RequestResult decision = requests.get(Benchmark.DECISION);
        return List.of(
                LatencyChecks.clientPercentileBelow(Benchmark.DECISION, decision, 95, config.targetP95Ms()),
                LatencyChecks.failedBelowPercent(Benchmark.DECISION, decision, 1.0));
    }

    ChainBuilder verdict = bench.verdict(this::checks);

    // Protocol: kept-alive connections shared by all users, JSON both ways.
    HttpProtocolBuilder httpProtocol = DecisionApi.protocol(bench);

    // Scenarios: a few users warm the server up, then the soakers decide for the whole soak; a judge runs the verdict.
    ScenarioBuilder warmers = scenario("warm-up").exec(warmUp);
    ScenarioBuilder soakers = scenario("soak").exec(decideForTheWholeSoak);
    ScenarioBuilder judge = scenario("verdict").exec(verdict);

    {
        bench.describeInjection(new Injection("soak", config.users(), soakSeconds, 0, null, null, null, null,
                "soak: " + config.users() + " concurrent users for " + soakSeconds + " s after a warm-up until steady"));

        setUp(warmers.injectOpen(atOnceUsers(bench.settings().warmup().users()))
                .andThen(soakers.injectOpen(atOnceUsers(config.users()))
                        .andThen(judge.injectOpen(atOnceUsers(1)))))
                .protocols(httpProtocol)
                .maxDuration(Duration.ofSeconds(soakSeconds + 900L))
                .assertions(
                        details(Benchmark.DECISION).failedRequests().percent().lt(1.0),
                        bench.verdictPassed());
    }

    @Override
    public void after() {
        bench.finish(this::checks);
    }
}
