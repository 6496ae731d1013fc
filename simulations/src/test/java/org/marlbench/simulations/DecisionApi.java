package org.marlbench.simulations;

import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.ByteArrayBody;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import org.marlbench.bench.stats.LatencyRegistry;
import org.marlbench.bench.stats.TimedRequest;

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
    static HttpProtocolBuilder protocol(String baseUrl) {
        return http
                .baseUrl(baseUrl)
                .disableWarmUp()
                .shareConnections()
                .disableCaching()
                .disableAutoReferer()
                .disableFollowRedirect()
                .disableUrlEncoding()
                .contentTypeHeader("application/json")
                .acceptHeader("application/json");
    }

    /**
     * One decision on the next market matrix, timed in µs under {@code requestName}. The body is
     * taken when Gatling builds the request, on the user's own thread (see {@link MarketBodies}).
     * The action is checked with a regex, not jsonPath: a tree parse of every response costs the
     * load generator more than the check is worth (the SPEC probe at start validates the whole
     * response shape).
     */
    static ChainBuilder decide(MarketBodies market, LatencyRegistry registry, String requestName) {
        return TimedRequest.timed(registry, requestName,
                http(requestName).post(PATH).body(ByteArrayBody(session -> market.next())),
                status().is(200),
                regex("\"action\":\"(buy|hold|sell)\"").exists());
    }
}
