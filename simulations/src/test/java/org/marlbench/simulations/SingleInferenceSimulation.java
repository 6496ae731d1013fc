package org.marlbench.simulations;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.*;
import io.gatling.javaapi.http.*;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.marlbench.bench.config.BenchmarkConfig;
import org.marlbench.bench.run.BenchmarkRun;
import org.marlbench.bench.stats.Check;
import org.marlbench.bench.stats.LatencyChecks;
import org.marlbench.bench.stats.RequestStats;
import org.marlbench.feeders.MarketFeed;
import org.marlbench.feeders.MarketRecord;

/**
 * One user, one decision at a time: the latency of a single inference with nothing else
 * going on. Warm-up requests first (named "warmup", outside every assertion), then
 * {@code iterations} measured decisions in sequence, back to back or {@code thinkTimeMs} apart.
 */
public class SingleInferenceSimulation extends Simulation {

    // Feeder: realistic market matrices, pre-encoded request bodies, cycled.
    List<MarketRecord> market = MarketFeed.load();
    MarketBodies marketBodies = MarketBodies.circular(market);

    // The benchmark around Gatling: config, model server, µs statistics, stats.json.
    BenchmarkRun run = BenchmarkRun.open(getClass(), "decision", market.get(0).bodyJson());
    BenchmarkConfig config = run.config();
    long thinkTimeMs = run.loaded().thinkTimeMs();

    // Behaviours
    ChainBuilder decide(String requestName) {
        return DecisionApi.decide(marketBodies, run.registry(), requestName);
    }

    ChainBuilder warmUp = repeat(config.warmupIterations()).on(decide(BenchmarkRun.WARMUP));
    ChainBuilder thinkBriefly = pause(Duration.ofMillis(thinkTimeMs));
    ChainBuilder decideInSequence = repeat(config.iterations())
            .on(thinkTimeMs == 0 ? decide("decision") : decide("decision").exec(thinkBriefly));

    // Pass/fail of what Gatling cannot see (resources, server health, baseline): a last request.
    List<Check> checks(Map<String, RequestStats> requests) {
        RequestStats decision = requests.get("decision");
        return List.of(
                LatencyChecks.clientPercentileBelow(decision, 50, config.targetP50Ms()),
                LatencyChecks.clientPercentileBelow(decision, 95, config.targetP95Ms()),
                LatencyChecks.clientPercentileBelow(decision, 99, config.targetP99Ms()),
                LatencyChecks.failedBelowPercent(decision, 5.0));
    }

    ChainBuilder verdict = run.verdict(this::checks);

    // Protocol: one kept-alive connection, JSON both ways.
    HttpProtocolBuilder httpProtocol = DecisionApi.protocol(run.baseUrl());

    // Scenario
    ScenarioBuilder singleUser = scenario("single inference").exec(warmUp, decideInSequence, verdict);

    {
        run.describeInjection(Map.of(
                "profile", "sequential", "users", 1,
                "thinkTimeMs", thinkTimeMs,
                "description", "sequential: 1 user, " + config.warmupIterations() + " warm-up then "
                        + config.iterations() + " measured decisions "
                        + (thinkTimeMs == 0 ? "back to back" : thinkTimeMs + " ms apart")));

        setUp(singleUser.injectOpen(atOnceUsers(1)))
                .protocols(httpProtocol)
                .maxDuration(Duration.ofMinutes(10).plusMillis(config.iterations() * thinkTimeMs))
                .assertions(
                        details("decision").responseTime().percentile(50.0).lt(config.targetP50Ms()),
                        details("decision").responseTime().percentile(95.0).lt(config.targetP95Ms()),
                        details("decision").responseTime().percentile(99.0).lt(config.targetP99Ms()),
                        details("decision").failedRequests().percent().lt(5.0),
                        run.verdictPassed());
    }

    @Override
    public void after() {
        run.finish(this::checks);
    }
}
