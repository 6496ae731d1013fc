package org.marlbench.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.marlbench.server.http.ErrorAssertions.assertError;
import static org.marlbench.server.http.ErrorAssertions.assertServerTiming;

import java.io.InputStream;
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
 * The server under slow clients: the in-flight limit below the Jetty pool, the idle (body read)
 * timeout, and the start-up check that the two fit together. No model is needed (the limits act
 * before it), so the loader fails at once and /health answers 503 DOWN.
 */
class ServerLimitsTest {
    private static final int IDLE_TIMEOUT_MS = 2000;
    private static ModelServer server;
    private static TestClient client;

    @BeforeAll
    static void start() {
        server = ModelServer.start(Settings.of(Map.of("server.port", "0", "server.maxInFlight", "2",
                "server.threads", "8", "server.idleTimeoutMs", Integer.toString(IDLE_TIMEOUT_MS))), () -> {
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
     * Regression: maxInFlight (64) was above the Jetty pool (16), so the limit was never reached and
     * ~20 slow clients froze the server. Now slow clients beyond the limit get 503 at once and
     * /health and the sidecar keep answering.
     */
    @Test
    void slowClientsGet503AndHealthStillAnswers() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) slow.add(stalledBody());
            Thread.sleep(300); // all six dispatched before the first probe (a probe could take a permit first)
            HttpResponse<String> r = null;
            long deadline = System.nanoTime() + 1_000_000_000L; // well inside the 2 s idle timeout
            while (System.nanoTime() < deadline) { // until two slow requests hold both permits
                r = client.postJson(TestClient.body(TestClient.matrix(1)));
                if (r.statusCode() == 503 && r.body().contains("overloaded")) break;
                Thread.sleep(20);
            }
            String msg = assertError(r, 503, "overloaded").path("message").asText();
            assertTrue(msg.startsWith("2 decision requests already in flight"), msg);
            assertServerTiming(r);
            long t0 = System.nanoTime();
            int health = client.get("/health").statusCode();
            assertEquals(503, health, "DOWN: no model in this test, but it answers");
            assertEquals(200, client.get("/sidecar/resources").statusCode());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < IDLE_TIMEOUT_MS, "health and sidecar answered in " + ms + " ms, not after the slow clients");
        } finally {
            for (Socket s : slow) s.close();
        }
    }

    /** Regression: a stalled body held its thread for Jetty's 30 s; now it is cut off after the idle timeout. */
    @Test
    void stalledBodyIsCutOffWithinTheIdleTimeout() throws Exception {
        try (Socket s = stalledBody()) {
            s.setSoTimeout(IDLE_TIMEOUT_MS * 4);
            long t0 = System.nanoTime();
            InputStream in = s.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < IDLE_TIMEOUT_MS * 3, "cut off after " + ms + " ms");
            assertTrue(response.startsWith("HTTP/1.1 400"), response);
            String body = response.substring(response.indexOf("\r\n\r\n") + 4);
            var json = TestClient.MAPPER.readTree(body);
            assertEquals("malformed_json", json.path("error").asText(), body);
            assertEquals("request body ended before Content-Length (10 of 100 bytes) or timed out",
                    json.path("message").asText());
            assertTrue(response.contains("Server-Timing: model;dur=0.000, total;dur="), response);
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
