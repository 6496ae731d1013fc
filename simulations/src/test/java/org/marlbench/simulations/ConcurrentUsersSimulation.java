package org.marlbench.simulations;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.*;
import io.gatling.javaapi.http.*;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.marlbench.bench.config.BenchmarkConfig;
import org.marlbench.bench.config.InjectionProfile;
import org.marlbench.bench.run.BenchmarkRun;
import org.marlbench.bench.stats.Check;
import org.marlbench.bench.stats.LatencyChecks;
import org.marlbench.bench.stats.RequestStats;
import org.marlbench.feeders.MarketFeed;
import org.marlbench.feeders.MarketRecord;

/**
 * Many users at once: throughput and tail latency under load. By default a closed model of
 * {@code users} concurrent users for {@code loadDurationSeconds} after a short ramp;
 * {@code -Dprofile=open|ramp|stairs|spike} switches the injection (see README). A single
 * warm-up user runs first; its requests are outside every assertion.
 */
public class ConcurrentUsersSimulation extends Simulation {

    // Feeder: realistic market matrices, pre-encoded request bodies, cycled.
    List<MarketRecord> market = MarketFeed.load();
    MarketBodies marketBodies = MarketBodies.circular(market);

    // The benchmark around Gatling: config, model server, µs statistics, stats.json.
    BenchmarkRun run = BenchmarkRun.open(getClass(), "decision", market.get(0).bodyJson());
    BenchmarkConfig config = run.config();
    InjectionProfile injection = run.loaded().injection();

    // Behaviours
    ChainBuilder decide(String requestName) {
        return DecisionApi.decide(marketBodies, run.registry(), requestName);
    }

    ChainBuilder warmUp = repeat(config.warmupIterations()).on(decide(BenchmarkRun.WARMUP));

    // Pass/fail of what Gatling cannot see (resources, server health, baseline): a last request.
    List<Check> checks(Map<String, RequestStats> requests) {
        RequestStats decision = requests.get("decision");
        return List.of(
                LatencyChecks.throughputAtLeast(decision, config.minThroughputOps()),
                LatencyChecks.clientPercentileBelow(decision, 95, config.targetP95Ms()),
                LatencyChecks.failedBelowPercent(decision, 10.0));
    }

    ChainBuilder verdict = run.verdict(this::checks);

    // Protocol: kept-alive connections shared by all users, JSON both ways.
    HttpProtocolBuilder httpProtocol = DecisionApi.protocol(run.baseUrl());

    // Scenarios: closed-model users loop on their kept-alive connection; open-model arrivals send one each.
    ScenarioBuilder warmUpUser = scenario("warm-up").exec(warmUp);
    PopulationBuilder traders = injection.inject("concurrent decisions", decide("decision"));
    ScenarioBuilder judge = scenario("verdict").exec(verdict);

    {
        run.describeInjection(injection.asMap());

        setUp(warmUpUser.injectOpen(atOnceUsers(1))
                .andThen(traders
                        .andThen(judge.injectOpen(atOnceUsers(1)))))
                .protocols(httpProtocol)
                .maxDuration(Duration.ofSeconds(injection.totalSeconds() + 120L))
                .assertions(
                        details("decision").requestsPerSec().gte(config.minThroughputOps()),
                        details("decision").responseTime().percentile(95.0).lt(config.targetP95Ms()),
                        details("decision").failedRequests().percent().lt(10.0),
                        run.verdictPassed());
    }

    @Override
    public void after() {
        run.finish(this::checks);
    }
}
