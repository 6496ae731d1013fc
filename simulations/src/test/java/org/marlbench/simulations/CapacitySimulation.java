package org.marlbench.simulations;

import static io.gatling.javaapi.core.CoreDsl.*;

import io.gatling.javaapi.core.*;
import io.gatling.javaapi.http.*;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.marlbench.bench.config.DiagnosticsSettings;
import org.marlbench.bench.load.CapacitySteps;
import org.marlbench.bench.results.CheckResult;
import org.marlbench.bench.results.Injection;
import org.marlbench.bench.results.RequestResult;
import org.marlbench.bench.run.Benchmark;
import org.marlbench.feeders.MarketFeed;
import org.marlbench.feeders.MarketRecord;

/**
 * How much can the server take? Open-model arrivals in steps ({@code capacity.startRate}, then
 * {@code capacity.stepRate} more each {@code capacity.stepSeconds}): the knee is the highest rate
 * served with p99 under {@code capacity.targetP99Ms}, no error and no fallback. Once a step is clearly
 * broken the load stops there (a search, not a failure; the run then ends without its verdict request,
 * and stats.json and the report carry the steps and the knee). Not part of the default run:
 * {@code mvn gatling:test -Dgatling.simulationClass=org.marlbench.simulations.CapacitySimulation}.
 */
public class CapacitySimulation extends Simulation {

    // Feeder: realistic market matrices, pre-encoded request bodies, cycled.
    List<MarketRecord> market = MarketFeed.load();
    MarketBodies marketBodies = MarketBodies.circular(market);

    // The benchmark around Gatling: settings, the server, µs statistics, the pipeline after the load.
    Benchmark bench = Benchmark.open(getClass(), Benchmark.Workload.CAPACITY, market.get(0).bodyJson());
    DiagnosticsSettings capacity = bench.settings().diagnostics();

    // Behaviours: a few users warm the server up; then every arrival sends one decision.
    ChainBuilder warmUp = bench.warmUp(DecisionApi.decide(marketBodies, bench, Benchmark.WARMUP, bench.warmupSlots()));
    ChainBuilder decideOnce = DecisionApi.decide(marketBodies, bench, Benchmark.DECISION, bench.measuredSlots());

    // No targets to assert: the knee is the result (the server staying alive is still checked).
    List<CheckResult> checks(Map<String, RequestResult> requests) {
        return List.of();
    }

    ChainBuilder verdict = bench.verdict(this::checks);

    // Protocol: kept-alive connections shared by all users, JSON both ways.
    HttpProtocolBuilder httpProtocol = DecisionApi.protocol(bench);

    // Scenarios: a warm-up group, then the stepped arrivals, then the judge.
    PopulationBuilder warmers = scenario("warm-up").exec(warmUp).injectOpen(atOnceUsers(bench.settings().warmup().users()));
    PopulationBuilder arrivals = scenario("capacity steps").exec(decideOnce).injectOpen(CapacitySteps.of(capacity));
    ScenarioBuilder judge = scenario("verdict").exec(verdict);

    {
        bench.describeInjection(new Injection("capacity", bench.config().users(), capacity.capacityMaxSeconds(),
                capacity.capacityRampSeconds(), capacity.capacityStartRate(), capacity.capacitySteps(), capacity.capacityStepSeconds(),
                null, "capacity: " + capacity.capacitySteps() + " steps of open-model arrivals from " + (long) capacity.capacityRate(0)
                        + "/s, +" + (long) capacity.capacityStepRate() + "/s each, " + capacity.capacityStepSeconds() + " s per step"));

        setUp(warmers.andThen(arrivals.andThen(judge.injectOpen(atOnceUsers(1)))))
                .protocols(httpProtocol)
                .maxDuration(Duration.ofSeconds(capacity.capacityMaxSeconds() + 900L));
    }

    @Override
    public void after() {
        bench.finish(this::checks);
    }
}
