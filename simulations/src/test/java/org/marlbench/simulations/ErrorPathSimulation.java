package org.marlbench.simulations;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.*;
import io.gatling.javaapi.http.*;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.marlbench.bench.load.TimedRequest;
import org.marlbench.bench.results.CheckResult;
import org.marlbench.bench.results.Injection;
import org.marlbench.bench.results.LatencyChecks;
import org.marlbench.bench.results.RequestResult;
import org.marlbench.bench.run.Benchmark;
import org.marlbench.bench.server.Fork;
import org.marlbench.feeders.InvalidCase;
import org.marlbench.feeders.InvalidRequests;
import org.marlbench.feeders.MarketFeed;
import org.marlbench.feeders.MarketRecord;

/**
 * Bad input gets the exact SPEC status and error code, and the server keeps serving: every invalid
 * case once, each under its own request name ("invalid: <case>") so none of them mixes into latency
 * statistics, then one valid decision. In an A/B run each server gets the whole sequence; the
 * assertions are about the server under test.
 */
public class ErrorPathSimulation extends Simulation {

    // Feeders: the invalid cases with their expected answers, and one valid matrix.
    List<InvalidCase> invalidCases = InvalidRequests.cases();
    MarketRecord validRecord = MarketFeed.load().get(0);

    // The benchmark around Gatling: settings, the server(s), µs statistics, the pipeline after the load.
    Benchmark bench = Benchmark.open(getClass(), Benchmark.Workload.ERROR_PATHS, validRecord.bodyJson());

    // Behaviours
    ChainBuilder sendInvalid(InvalidCase c, Fork server) {
        return TimedRequest.timed(bench.traffic(), "invalid: " + c.name(), bench.pinnedTo(server), DecisionApi.PATH,
                (name, url) -> {
                    HttpRequestActionBuilder request = http(name).post(url).body(ByteArrayBody(c.body()));
                    return c.contentType() == null ? request : request.header("Content-Type", c.contentType());
                },
                status().is(c.expectedStatus()),
                jsonPath("$.error").is(c.expectedError()));
    }

    ChainBuilder stillDecides(Fork server) {
        return TimedRequest.timed(bench.traffic(), Benchmark.DECISION, bench.pinnedTo(server), DecisionApi.PATH,
                (name, url) -> http(name).post(url).header("Content-Type", "application/json").body(StringBody(validRecord.bodyJson())),
                status().is(200),
                jsonPath("$.action").in("buy", "hold", "sell"));
    }

    ChainBuilder everyCaseThenADecision(Fork server) {
        return invalidCases.stream().map(c -> sendInvalid(c, server))
                .reduce(ChainBuilder::exec)
                .orElseThrow(() -> new IllegalStateException("no invalid cases to send"))
                .exec(stillDecides(server));
    }

    ChainBuilder everyServer = bench.traffic().forks().stream().map(this::everyCaseThenADecision)
            .reduce(ChainBuilder::exec).orElseThrow();

    // Pass/fail of what Gatling cannot see (resources, servers, comparison): a last request.
    List<CheckResult> checks(Map<String, RequestResult> requests) {
        List<CheckResult> checks = new ArrayList<>();
        for (InvalidCase c : invalidCases) checks.add(LatencyChecks.allOk(requests, "invalid: " + c.name()));
        checks.add(LatencyChecks.allOk(requests, Benchmark.DECISION));
        return checks;
    }

    ChainBuilder verdict = bench.verdict(this::checks);

    // Protocol: no default Content-Type, each case sets its own (or none).
    HttpProtocolBuilder httpProtocol = bench.authorised(http
            .baseUrl(bench.baseUrl())
            .disableWarmUp()
            .shareConnections()
            .acceptHeader("application/json"));

    // Scenario
    ScenarioBuilder badClient = scenario("error paths").exec(everyServer, verdict);

    // Every case answered as SPEC says by the server under test (the reference's answers are recorded, not asserted).
    List<Assertion> answeredAsSpecified = Stream.concat(invalidCases.stream().map(c -> "invalid: " + c.name()),
                    Stream.of(Benchmark.DECISION))
            .map(name -> details(name).failedRequests().percent().is(0.0)).toList();

    {
        bench.describeInjection(Injection.sequential("sequential: 1 user sends each of " + invalidCases.size()
                + " invalid requests once, then one valid decision, to " + bench.traffic().forks().size() + " server(s)", null));

        setUp(badClient.injectOpen(atOnceUsers(1)))
                .protocols(httpProtocol)
                .maxDuration(java.time.Duration.ofMinutes(5))
                .assertions(Stream.concat(answeredAsSpecified.stream(), Stream.of(bench.verdictPassed())).toList());
    }

    @Override
    public void after() {
        bench.finish(this::checks);
    }
}
