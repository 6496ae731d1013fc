package org.marlbench.simulations;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.*;
import io.gatling.javaapi.http.*;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.marlbench.bench.run.BenchmarkRun;
import org.marlbench.bench.stats.Check;
import org.marlbench.bench.stats.LatencyChecks;
import org.marlbench.bench.stats.RequestStats;
import org.marlbench.bench.stats.TimedRequest;
import org.marlbench.feeders.InvalidCase;
import org.marlbench.feeders.InvalidRequests;
import org.marlbench.feeders.MarketFeed;
import org.marlbench.feeders.MarketRecord;

/**
 * Bad input gets the exact SPEC status and error code, and the server keeps serving: every
 * invalid case once, each under its own request name ("invalid: <case>") so none of them
 * mixes into latency statistics, then one valid decision.
 */
public class ErrorPathSimulation extends Simulation {

    // Feeders: the invalid cases with their expected answers, and one valid matrix.
    List<InvalidCase> invalidCases = InvalidRequests.cases();
    MarketRecord validRecord = MarketFeed.load().get(0);

    // The benchmark around Gatling: config, model server, µs statistics, stats.json.
    BenchmarkRun run = BenchmarkRun.open(getClass(), "decision", validRecord.bodyJson());

    // Behaviours
    ChainBuilder sendInvalid(InvalidCase c) {
        String name = "invalid: " + c.name();
        HttpRequestActionBuilder request = http(name).post(DecisionApi.PATH).body(ByteArrayBody(c.body()));
        if (c.contentType() != null) {
            request = request.header("Content-Type", c.contentType());
        }
        return TimedRequest.timed(run.registry(), name, request,
                status().is(c.expectedStatus()),
                jsonPath("$.error").is(c.expectedError()));
    }

    ChainBuilder sendEveryInvalidCase = invalidCases.stream().map(this::sendInvalid)
            .reduce(ChainBuilder::exec)
            .orElseThrow(() -> new IllegalStateException("no invalid cases to send"));

    ChainBuilder stillDecides = TimedRequest.timed(run.registry(), "decision",
            http("decision").post(DecisionApi.PATH)
                    .header("Content-Type", "application/json")
                    .body(StringBody(validRecord.bodyJson())),
            status().is(200),
            jsonPath("$.action").in("buy", "hold", "sell"));

    // Pass/fail of what Gatling cannot see (resources, server health, baseline): a last request.
    List<Check> checks(Map<String, RequestStats> requests) {
        List<Check> checks = new ArrayList<>();
        for (InvalidCase c : invalidCases) checks.add(LatencyChecks.allOk(requests, "invalid: " + c.name()));
        checks.add(LatencyChecks.allOk(requests, "decision"));
        return checks;
    }

    ChainBuilder verdict = run.verdict(this::checks);

    // Protocol: no default Content-Type, each case sets its own (or none).
    HttpProtocolBuilder httpProtocol = http
            .baseUrl(run.baseUrl())
            .disableWarmUp()
            .shareConnections()
            .acceptHeader("application/json");

    // Scenario
    ScenarioBuilder badClient = scenario("error paths").exec(sendEveryInvalidCase, stillDecides, verdict);

    {
        run.describeInjection(Map.of(
                "profile", "sequential", "users", 1,
                "description", "sequential: 1 user sends each of " + invalidCases.size()
                        + " invalid requests once, then one valid decision"));

        setUp(badClient.injectOpen(atOnceUsers(1)))
                .protocols(httpProtocol)
                .maxDuration(java.time.Duration.ofMinutes(5))
                .assertions(global().failedRequests().percent().is(0.0), run.verdictPassed());
    }

    @Override
    public void after() {
        run.finish(this::checks);
    }
}
