package org.marlbench.simulations;

import static io.gatling.javaapi.core.CoreDsl.*;

import io.gatling.javaapi.core.*;
import io.gatling.javaapi.http.*;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.marlbench.bench.config.BenchmarkConfig;
import org.marlbench.bench.load.InjectionProfile;
import org.marlbench.bench.results.CheckResult;
import org.marlbench.bench.results.LatencyChecks;
import org.marlbench.bench.results.RequestResult;
import org.marlbench.bench.run.Benchmark;
import org.marlbench.feeders.MarketFeed;
import org.marlbench.feeders.MarketRecord;

/**
 * Many users at once: throughput and tail latency under load. A warm-up by {@code warmup.users}
 * users until the servers are steady, then by default a closed model of {@code users} concurrent
 * users, started over a short ramp, measured for the ramp and {@code loadDurationSeconds} (in an A/B
 * run: all at once, for the rounds, alternating between the reference and this build); {@code -Dprofile=open|ramp|stairs|spike} switches the
 * injection (see simulations/README.md).
 */
public class ConcurrentUsersSimulation extends Simulation {

    // Feeder: realistic market matrices, pre-encoded request bodies, cycled.
    List<MarketRecord> market = MarketFeed.load();
    MarketBodies marketBodies = MarketBodies.circular(market);

    // The benchmark around Gatling: settings, the server(s), µs statistics, the pipeline after the load.
    Benchmark bench = Benchmark.open(getClass(), Benchmark.Workload.CONCURRENT, market.get(0).bodyJson());
    BenchmarkConfig config = bench.config();
    InjectionProfile injection = InjectionProfile.from(bench.settings().properties(), config);

    // Behaviours
    ChainBuilder warmUp = bench.warmUp(DecisionApi.decide(marketBodies, bench, Benchmark.WARMUP, bench.warmupSlots()));
    ChainBuilder decide = DecisionApi.decide(marketBodies, bench, Benchmark.DECISION, bench.measuredSlots());

    // Pass/fail of what Gatling cannot see (resources, servers, comparison): a last request.
    List<CheckResult> checks(Map<String, RequestResult> requests) {
        RequestResult decision = requests.get(Benchmark.DECISION);
        return List.of(
                LatencyChecks.throughputAtLeast(Benchmark.DECISION, decision, config.minThroughputOps()),
                LatencyChecks.clientPercentileBelow(Benchmark.DECISION, decision, 95, config.targetP95Ms()),
                LatencyChecks.failedBelowPercent(Benchmark.DECISION, decision, 10.0));
    }

    ChainBuilder verdict = bench.verdict(this::checks);

    // Protocol: kept-alive connections shared by all users, JSON both ways.
    HttpProtocolBuilder httpProtocol = DecisionApi.protocol(bench);

    // Scenarios: a few users warm the server(s) up, then the traders decide as long as the load lasts
    // (an A/B run starts them all at once: a ramp would load the first rounds' servers less); a judge runs the verdict.
    PopulationBuilder traders = injection.inject("concurrent decisions", bench.settings().warmup().users(), warmUp, decide,
            bench.traffic()::measuring, !bench.traffic().comparing());
    ScenarioBuilder judge = scenario("verdict").exec(verdict);

    {
        bench.describeInjection(injection.describe());

        setUp(traders.andThen(judge.injectOpen(atOnceUsers(1))))
                .protocols(httpProtocol)
                .maxDuration(Duration.ofSeconds(injection.totalSeconds() + 600L))
                .assertions(
                        details(Benchmark.DECISION).requestsPerSec().gte(config.minThroughputOps()),
                        details(Benchmark.DECISION).responseTime().percentile(95.0).lt(config.targetP95Ms()),
                        details(Benchmark.DECISION).failedRequests().percent().lt(10.0),
                        bench.verdictPassed());
    }

    @Override
    public void after() {
        bench.finish(this::checks);
    }
}
