package org.marlbench.simulations;

import static io.gatling.javaapi.core.CoreDsl.ByteArrayBody;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import org.marlbench.bench.load.TimedRequest;
import org.marlbench.bench.run.Benchmark;

/** The decision API as the load simulations call it: one protocol, one timed request. */
final class DecisionApi {
    static final String PATH = "/v1/strategic/decision";

    private DecisionApi() {
    }

    /**
     * Kept-alive connections shared by the users (a new TCP connection per request would halve
     * the throughput and measure the handshake), JSON both ways, and no browser behaviour
     * (caching, referer, redirects, URL encoding): on an API each only costs the load generator.
     */
    static HttpProtocolBuilder protocol(Benchmark bench) {
        return bench.authorised(http
                .baseUrl(bench.baseUrl())
                .disableWarmUp()
                .shareConnections()
                .disableCaching()
                .disableAutoReferer()
                .disableFollowRedirect()
                .disableUrlEncoding()
                .contentTypeHeader("application/json")
                .acceptHeader("application/json"));
    }

    /**
     * One decision on the next market matrix, timed in µs under {@code requestName}, sent where
     * {@code slots} says (the server being warmed, or the current round's server). The body is taken
     * when Gatling builds the request, on the user's own thread (see {@link MarketBodies}). The action
     * is checked with a regex, not jsonPath: a tree parse of every response costs the load generator
     * more than the check is worth (the SPEC probe at start validates the whole response shape).
     */
    static ChainBuilder decide(MarketBodies market, Benchmark bench, String requestName, TimedRequest.Slots slots) {
        return TimedRequest.timed(bench.traffic(), requestName, slots, PATH,
                (name, url) -> http(name).post(url).body(ByteArrayBody(session -> market.next())),
                status().is(200),
                regex("\"action\":\"(buy|hold|sell)\"").exists());
    }
}
