package org.marlbench.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.marlbench.server.ModelServer;
import org.marlbench.server.Settings;

/** The happy path against the real server and the real DJL component. */
class DecisionTest {
    private static final List<String> AGENTS = List.of("mlmi", "nwrqk", "regime");
    private static ModelServer server;
    private static TestClient client;

    /**
     * Generous time budgets: on a shared 2-core machine an agent can miss the default 8 ms and
     * fall back, which legitimately changes the decision; these tests are about HTTP, not budgets.
     */
    static Settings settings(String... more) {
        Map<String, String> m = new java.util.HashMap<>(Map.of("server.port", "0",
                "model.budget.agentMs", "5000", "model.budget.totalMs", "10000"));
        for (int i = 0; i < more.length; i += 2) m.put(more[i], more[i + 1]);
        return Settings.of(m);
    }

    @BeforeAll
    static void start() throws Exception {
        server = ModelServer.start(settings());
        assertTrue(server.awaitModel(120_000), "the component must load for the happy path");
        client = new TestClient(server.url());
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void validRequestGivesEveryFieldOfTheSpec() {
        String body = "{\"matrix\":" + TestClient.matrixJson(TestClient.matrix(1))
                + ",\"synergyType\":\"momentum_alignment\",\"direction\":1,\"confidence\":0.82,\"correlationId\":\"abc-123\"}";
        HttpResponse<String> r = client.postJson(body);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode j = TestClient.json(r);

        assertTrue(Set.of("buy", "hold", "sell").contains(j.get("action").asText()), r.body());
        assertProbability(j.get("confidence"));
        assertTrue(j.get("uncertainty").isNumber() && j.get("uncertainty").asDouble() >= 0);
        assertTrue(j.get("shouldProceed").isBoolean());
        assertTrue(Set.of("trending", "ranging", "volatile").contains(j.get("regime").asText()));
        assertTrue(j.get("reasoning").isTextual() && !j.get("reasoning").asText().isBlank());
        String ts = j.get("timestamp").asText();
        assertTrue(ts.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), ts);
        assertTrue(Math.abs(Instant.parse(ts).toEpochMilli() - System.currentTimeMillis()) < 60_000);
        assertEquals("abc-123", j.get("correlationId").asText());
        assertByAgent(j.get("agentContributions"));

        JsonNode pm = j.get("performanceMetrics");
        assertDistribution(pm.get("ensembleProbabilities"));
        assertByAgent(pm.get("individualConfidences"));
        assertDistribution(pm.get("gatingWeights"));
        assertTrue(pm.get("fallbackAgents").isArray());
        for (JsonNode a : pm.get("fallbackAgents")) assertTrue(AGENTS.contains(a.asText()));
        double computeMs = pm.get("totalComputationTimeMs").asDouble();
        assertTrue(pm.get("totalComputationTimeMs").isNumber() && computeMs > 0, pm.toString());

        double[] timing = ServerTimingTest.parse(r.headers().firstValue("Server-Timing").orElseThrow());
        assertTrue(timing[1] >= timing[0], "total >= model");
        assertEquals(computeMs, timing[0], 0.0006, "Server-Timing model is the component's compute");
    }

    @Test
    void correlationIdIsNullWhenNotGiven() {
        HttpResponse<String> r = client.postJson(TestClient.body(TestClient.matrix(2)));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode j = TestClient.json(r);
        assertTrue(j.has("correlationId") && j.get("correlationId").isNull(), r.body());
    }

    /**
     * 8 threads x 500 requests: all 200, and the same matrix always gives the same decision.
     * "Same": every label, flag and string exactly, every number within 1e-6 -- the component
     * micro-batches concurrent requests, and a batched forward pass differs from a single one in
     * the last bits (about 1e-10), which is float arithmetic, not a different decision.
     */
    @Test
    void concurrentRequestsAreAllAnsweredAndDeterministic() throws Exception {
        int matrices = 4;
        List<String> bodies = new ArrayList<>();
        List<JsonNode> expected = new ArrayList<>();
        for (int m = 0; m < matrices; m++) {
            bodies.add(TestClient.body(TestClient.matrix(10 + m)));
            expected.add(stable(client.postJson(bodies.get(m))));
            assertEquals(0, expected.get(m).get("performanceMetrics").get("fallbackAgents").size(), "no fallback");
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger ok = new AtomicInteger();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        int m = (thread + i) % matrices;
                        HttpResponse<String> r = client.postJson(bodies.get(m));
                        assertEquals(200, r.statusCode(), r.body());
                        assertSameDecision(expected.get(m), stable(r), "matrix " + m);
                        ok.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) f.get();
        } finally {
            pool.shutdownNow();
        }
        assertEquals(4000, ok.get());
    }

    /** maxInFlight=1 and a 30 ms fault delay hold requests: concurrent ones get 503 overloaded. */
    @Test
    void inFlightLimitRefusesTheExcess() throws Exception {
        Settings s = settings("server.maxInFlight", "1", "server.fault.delayMicros", "30000");
        try (ModelServer limited = ModelServer.start(s)) {
            assertTrue(limited.awaitModel(120_000));
            TestClient c = new TestClient(limited.url());
            String body = TestClient.body(TestClient.matrix(1));

            HttpResponse<String> one = c.postJson(body);
            assertEquals(200, one.statusCode(), one.body());
            double[] t = ServerTimingTest.parse(one.headers().firstValue("Server-Timing").orElseThrow());
            assertTrue(t[1] - t[0] >= 30.0, "the fault delay counts in total, not in model: " + t[0] + " / " + t[1]);

            ExecutorService pool = Executors.newFixedThreadPool(6);
            AtomicInteger okCount = new AtomicInteger();
            AtomicInteger overloaded = new AtomicInteger();
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    futures.add(pool.submit(() -> {
                        for (int k = 0; k < 5; k++) {
                            HttpResponse<String> r = c.postJson(body);
                            if (r.statusCode() == 200) {
                                okCount.incrementAndGet();
                            } else {
                                ErrorAssertions.assertError(r, 503, "overloaded");
                                assertEquals("1", r.headers().firstValue("Retry-After").orElse(null));
                                overloaded.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) f.get();
            } finally {
                pool.shutdownNow();
            }
            assertEquals(30, okCount.get() + overloaded.get());
            assertTrue(okCount.get() > 0, "some requests get through");
            assertTrue(overloaded.get() > 0, "some requests are refused as overloaded");
        }
    }

    /**
     * model.rows is honoured end to end: the component is built for 24 rows and the request parser
     * expects 24 rows (it used to hard-code 48x13 and refuse every request of the configured shape).
     */
    @Test
    void theConfiguredShapeIsTheShapeRequestsMustHave() throws Exception {
        try (ModelServer rows24 = ModelServer.start(settings("model.rows", "24"))) {
            assertTrue(rows24.awaitModel(120_000));
            TestClient c = new TestClient(rows24.url());
            HttpResponse<String> ok = c.postJson(TestClient.body(java.util.Arrays.copyOf(TestClient.matrix(3), 24)));
            assertEquals(200, ok.statusCode(), ok.body());
            HttpResponse<String> spec = c.postJson(TestClient.body(TestClient.matrix(3)));
            String msg = ErrorAssertions.assertError(spec, 400, "bad_shape").path("message").asText();
            assertEquals("matrix is 48x13, expected 24x13 (24 rows of 13 numbers)", msg);
        }
    }

    /** The response without the fields that legitimately differ between calls. */
    private static JsonNode stable(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        ObjectNode j = (ObjectNode) TestClient.json(r);
        j.remove("timestamp");
        ((ObjectNode) j.get("performanceMetrics")).remove("totalComputationTimeMs");
        return j;
    }

    static void assertSameDecision(JsonNode expected, JsonNode actual, String where) {
        if (expected.isNumber()) {
            assertTrue(actual.isNumber(), where + ": expected a number, got " + actual);
            assertEquals(expected.asDouble(), actual.asDouble(), 1e-6, where);
        } else if (expected.isContainerNode()) {
            assertEquals(expected.size(), actual.size(), where + ": " + actual);
            if (expected.isArray()) {
                for (int i = 0; i < expected.size(); i++) assertSameDecision(expected.get(i), actual.get(i), where + "[" + i + "]");
            } else {
                expected.fieldNames().forEachRemaining(f -> {
                    assertTrue(actual.has(f), where + ": missing " + f);
                    assertSameDecision(expected.get(f), actual.get(f), where + "." + f);
                });
            }
        } else {
            assertEquals(expected, actual, where);
        }
    }

    private static void assertProbability(JsonNode n) {
        assertTrue(n.isNumber() && n.asDouble() >= 0 && n.asDouble() <= 1, String.valueOf(n));
    }

    private static void assertByAgent(JsonNode n) {
        assertTrue(n.isObject() && n.size() == 3, String.valueOf(n));
        for (String a : AGENTS) assertProbability(n.get(a));
    }

    private static void assertDistribution(JsonNode n) {
        assertTrue(n.isArray() && n.size() == 3, String.valueOf(n));
        double sum = 0;
        for (JsonNode v : n) {
            assertProbability(v);
            sum += v.asDouble();
        }
        assertEquals(1.0, sum, 1e-4, String.valueOf(n));
    }
}
