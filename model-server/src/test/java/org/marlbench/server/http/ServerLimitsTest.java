package org.marlbench.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.marlbench.server.http.ErrorAssertions.assertError;
import static org.marlbench.server.http.ErrorAssertions.assertServerTiming;

import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.marlbench.server.ModelServer;
import org.marlbench.server.Settings;

/**
 * The server under slow clients: a stalled body holds neither a decision slot nor a thread and is
 * cut off at the body deadline, and the start-up check that the in-flight limit leaves Jetty
 * threads free. No model is needed (the limits act before it), so the loader fails at once and
 * /health answers 503 DOWN.
 */
class ServerLimitsTest {
    private static final int IDLE_TIMEOUT_MS = 2000;
    private static final int BODY_TIMEOUT_MS = 1000;
    private static ModelServer server;
    private static TestClient client;

    @BeforeAll
    static void start() {
        server = ModelServer.start(Settings.of(Map.of("server.port", "0", "server.maxInFlight", "2",
                "server.threads", "8", "server.idleTimeoutMs", Integer.toString(IDLE_TIMEOUT_MS),
                "server.bodyTimeoutMs", Integer.toString(BODY_TIMEOUT_MS))), () -> {
            throw new IllegalStateException("no model in this test");
        });
        client = new TestClient(server.url());
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    /** Sends the headers of a decision request declaring 100 bytes, and only the first 10 of them. */
    private static Socket stalledBody() throws Exception {
        Socket s = new Socket("127.0.0.1", server.port());
        OutputStream out = s.getOutputStream();
        out.write(("POST " + TestClient.DECISION + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"matrix\":").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return s;
    }

    /**
     * Regression: a stalled body used to hold a decision slot (and a thread) while it trickled, so
     * maxInFlight slow clients locked every valid decision out with 503 overloaded. Now six stalled
     * bodies (three times the limit of 2, in a pool of 8 threads) take no slot: a valid decision gets
     * past the in-flight check (here 503 model_not_ready: this test has no model), and /health and
     * the sidecar answer at once.
     */
    @Test
    void stalledBodiesTakeNoSlotAndNoThread() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) slow.add(stalledBody());
            Thread.sleep(300); // all six are read by now
            long t0 = System.nanoTime();
            HttpResponse<String> r = client.postJson(TestClient.body(TestClient.matrix(1)));
            assertError(r, 503, "model_not_ready");
            assertServerTiming(r);
            assertEquals(503, client.get("/health").statusCode(), "DOWN: no model in this test, but it answers");
            assertEquals(200, client.get("/sidecar/resources").statusCode());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < BODY_TIMEOUT_MS, "answered in " + ms + " ms, not after the slow clients");
        } finally {
            for (Socket s : slow) s.close();
        }
    }

    /** Regression: a stalled body held its thread for Jetty's 30 s; then until the idle timeout; now the body deadline. */
    @Test
    void stalledBodyGets408AtTheBodyDeadline() throws Exception {
        try (Socket s = stalledBody()) {
            s.setSoTimeout(IDLE_TIMEOUT_MS * 4);
            long t0 = System.nanoTime();
            RawHttp.Response r = RawHttp.read(s.getInputStream());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < BODY_TIMEOUT_MS + 1500, "cut off after " + ms + " ms");
            assertEquals(408, r.status(), r.head());
            var json = TestClient.MAPPER.readTree(r.body());
            assertEquals("request_timeout", json.path("error").asText(), r.body());
            assertEquals("the request body did not arrive within 1000 ms (10 of 100 bytes received); send the whole body"
                    + " without pauses", json.path("message").asText());
            assertEquals("close", r.header("Connection"));
            assertTrue(r.header("Server-Timing").startsWith("model;dur=0.000, total;dur="), r.head());
        }
    }

    @Test
    void inFlightLimitMustLeaveJettyThreads() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HttpSettings.from(Settings.of(Map.of("server.threads", "16", "server.maxInFlight", "64"))));
        assertTrue(e.getMessage().contains("server.threads=16") && e.getMessage().contains("server.maxInFlight=64")
                && e.getMessage().contains("at least 70"), e.getMessage());
        HttpSettings defaults = HttpSettings.from(Settings.of(Map.of()));
        assertTrue(defaults.threads() >= defaults.maxInFlight() + HttpSettings.CONNECTOR_THREADS + HttpSettings.SPARE_THREADS);
        assertEquals(5000, defaults.idleTimeoutMs());
    }

    /** Raw request on the decision route; returns the whole response text. */
    private static String raw(String request) throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Errors Jetty answers itself on the decision route carry Server-Timing too. */
    @Test
    void jettyErrorsOnTheDecisionRouteCarryServerTiming() throws Exception {
        String negative = raw("POST " + TestClient.DECISION + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: -5\r\nConnection: close\r\n\r\n");
        assertTrue(negative.startsWith("HTTP/1.1 400"), negative);
        assertTrue(negative.contains("Server-Timing: model;dur=0.000, total;dur="), negative);
        String hugeHeader = raw("POST " + TestClient.DECISION + " HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000)
                + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
        assertTrue(hugeHeader.startsWith("HTTP/1.1 431"), hugeHeader);
        assertTrue(hugeHeader.contains("Server-Timing: model;dur=0.000, total;dur="), hugeHeader);
    }

    /** GET with a trailing slash is a 405 on the decision route and carries Server-Timing. */
    @Test
    void trailingSlashOnTheDecisionRouteCarriesServerTiming() {
        HttpResponse<String> r = client.get(TestClient.DECISION + "/");
        assertError(r, 405, "method_not_allowed");
        assertServerTiming(r);
    }
}
