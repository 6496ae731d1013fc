package org.marlbench.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.marlbench.server.http.ErrorAssertions.assertError;
import static org.marlbench.server.http.ErrorAssertions.assertServerTiming;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.marlbench.server.ModelServer;
import org.marlbench.server.Settings;

/**
 * One test per error of SPEC section 2 against the real server on a free port. Bad input is
 * rejected before the model is needed, so these hold whether or not the component is loaded.
 */
class DecisionErrorsTest {
    private static ModelServer server;
    private static TestClient client;

    @BeforeAll
    static void start() {
        server = ModelServer.start(Settings.of(Map.of("server.port", "0")));
        client = new TestClient(server.url());
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    /** After every error the server still answers. */
    @AfterEach
    void serverStillAnswers() {
        assertEquals(200, client.get("/sidecar/resources").statusCode());
        assertTrue(client.get("/health").statusCode() == 200 || client.get("/health").statusCode() == 503);
    }

    @Test
    void malformedJson() {
        HttpResponse<String> r = client.postJson("{\"matrix\": [[1, 2,");
        assertTrue(assertError(r, 400, "malformed_json").path("message").asText().contains("not valid JSON"));
        assertServerTiming(r);
    }

    @Test
    void missingMatrix() {
        HttpResponse<String> r = client.postJson("{\"direction\": 1, \"correlationId\": \"x\"}");
        assertTrue(assertError(r, 400, "missing_matrix").path("message").asText().contains("\"matrix\""));
        assertServerTiming(r);
    }

    @Test
    void badShape() {
        double[][] m = java.util.Arrays.copyOf(TestClient.matrix(1), 47);
        HttpResponse<String> r = client.postJson(TestClient.body(m));
        String msg = assertError(r, 400, "bad_shape").path("message").asText();
        assertTrue(msg.contains("47x13") && msg.contains("48x13"), msg);
        assertServerTiming(r);

        double[][] ragged = TestClient.matrix(1);
        ragged[9] = new double[14];
        msg = assertError(client.postJson(TestClient.body(ragged)), 400, "bad_shape").path("message").asText();
        assertTrue(msg.contains("row 9"), msg);
    }

    @Test
    void nonFinite() {
        HttpResponse<String> r = client.postJson(TestClient.bodyWithCell(3, 4, "1e39"));
        String msg = assertError(r, 400, "non_finite").path("message").asText();
        assertTrue(msg.contains("row 3, column 4"), msg);
        assertServerTiming(r);
        msg = assertError(client.postJson(TestClient.bodyWithCell(47, 12, "NaN")), 400, "non_finite").path("message").asText();
        assertTrue(msg.contains("row 47, column 12"), msg);
    }

    @Test
    void badType() {
        HttpResponse<String> r = client.postJson(TestClient.bodyWithCell(2, 5, "\"oops\""));
        String msg = assertError(r, 400, "bad_type").path("message").asText();
        assertTrue(msg.contains("row 2, column 5") && msg.contains("string"), msg);
        assertServerTiming(r);
        msg = assertError(client.postJson("{\"matrix\":" + TestClient.matrixJson(TestClient.matrix(1))
                + ",\"direction\":\"long\"}"), 400, "bad_type").path("message").asText();
        assertTrue(msg.contains("direction"), msg);
    }

    @Test
    void tooLargeByContentLength() throws Exception {
        // Headers only, over a raw socket: the server must refuse on Content-Length alone, before
        // any of the body arrives. (Sending the whole body races the server's close against the
        // client reading the 413 -- a reset can drop the answer; that is TCP, not the server.)
        long declared = 1_100_000;
        String head = "POST " + TestClient.DECISION + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + declared + "\r\n\r\n";
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String response = readResponse(socket.getInputStream());
            assertTrue(response.startsWith("HTTP/1.1 413"), response);
            assertTrue(response.toLowerCase(java.util.Locale.ROOT).contains("server-timing: model;dur="), response);
            String body = response.substring(response.indexOf("\r\n\r\n") + 4);
            JsonNode json = TestClient.MAPPER.readTree(body);
            assertEquals("too_large", json.path("error").asText(), body);
            assertTrue(json.path("message").asText().contains("1048576"), body);
        }
    }

    @Test
    void tooLargeWithItsWholeBodySentIsAnsweredEveryTime() throws Exception {
        // What every ordinary client does: headers and the whole body, then read. The server answers 413
        // from the headers and reads the rest before closing; closing on unread bytes would reset the
        // connection, and the reset could overtake the answer (ErrorPathSimulation saw that once in ten runs).
        long declared = 1_100_000;
        String head = "POST " + TestClient.DECISION + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + declared + "\r\n\r\n";
        byte[] body = new byte[(int) declared];
        java.util.Arrays.fill(body, (byte) ' ');
        for (int i = 0; i < 20; i++) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
                socket.setSoTimeout(10_000);
                java.io.OutputStream out = socket.getOutputStream();
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                out.write(body); // a reset here (the server closed on the unread body) fails the test
                out.flush();
                String response = readResponse(socket.getInputStream());
                assertTrue(response.startsWith("HTTP/1.1 413"), "attempt " + i + ": " + response);
                assertTrue(response.contains("too_large"), response);
            }
        }
    }

    /** Status line, headers and a Content-Length body of one HTTP/1.1 response. */
    private static String readResponse(java.io.InputStream in) throws java.io.IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int contentLength = -1;
        int headerEnd = -1;
        byte[] buf = new byte[4096];
        int n;
        while ((n = in.read(buf)) > 0) {
            out.write(buf, 0, n);
            String text = out.toString(StandardCharsets.UTF_8);
            if (headerEnd < 0 && (headerEnd = text.indexOf("\r\n\r\n")) >= 0) {
                for (String line : text.substring(0, headerEnd).split("\r\n")) {
                    if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                        contentLength = Integer.parseInt(line.substring(15).trim());
                    }
                }
            }
            if (headerEnd >= 0 && contentLength >= 0 && out.size() >= headerEnd + 4 + contentLength) break;
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void tooLargeWhileReadingAChunkedBody() {
        // One byte over the limit: the server reads it all before answering, so nothing is left
        // unread when it closes (unread data would turn the close into a reset that can race the 413).
        String frame = "{\"matrix\":[], \"pad\":\"\"}";
        byte[] big = ("{\"matrix\":[], \"pad\":\"" + "x".repeat(1_048_577 - frame.length()) + "\"}").getBytes(StandardCharsets.UTF_8);
        // ofInputStream has no known length: the client sends it chunked, without Content-Length.
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + TestClient.DECISION))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)));
        HttpResponse<String> r = client.send(b);
        assertTrue(assertError(r, 413, "too_large").path("message").asText().contains("1048576"));
        assertServerTiming(r);
    }

    @Test
    void unsupportedMediaType() {
        String body = TestClient.body(TestClient.matrix(1));
        HttpResponse<String> r = client.post(body, "text/plain");
        assertTrue(assertError(r, 415, "unsupported_media_type").path("message").asText().contains("application/json"));
        assertServerTiming(r);
        assertError(client.post(body, null), 415, "unsupported_media_type");
        assertError(client.post(body, "application/json; charset=ISO-8859-1"), 415, "unsupported_media_type");
        // A UTF-8 charset parameter is fine: the request gets past the media-type check.
        int status = client.post(body, "application/json; charset=UTF-8").statusCode();
        assertTrue(status == 200 || status == 503, "status " + status);
    }

    /**
     * maxInFlight=1 and every decision held 1 s (server.fault.delayMicros): while one is being
     * answered, the next is refused at once with 503 overloaded and Retry-After; once it is done,
     * the permit is back. (A slow body no longer holds the permit: it is read before the slot is taken.)
     */
    @Test
    void overloadedWithRetryAfter() throws Exception {
        try (ModelServer slow = ModelServer.start(DecisionTest.settings("server.maxInFlight", "1",
                "server.retryAfterSeconds", "7", "server.fault.delayMicros", "1000000"))) {
            assertTrue(slow.awaitModel(120_000));
            TestClient c = new TestClient(slow.url());
            String body = TestClient.body(TestClient.matrix(1));
            // Two at once: whichever comes second finds the only permit taken for a whole second.
            var a = java.util.concurrent.CompletableFuture.supplyAsync(() -> c.postJson(body));
            var b = java.util.concurrent.CompletableFuture.supplyAsync(() -> c.postJson(body));
            HttpResponse<String> ra = a.get();
            HttpResponse<String> rb = b.get();
            HttpResponse<String> refused = ra.statusCode() == 503 ? ra : rb;
            assertEquals(java.util.Set.of(200, 503), java.util.Set.of(ra.statusCode(), rb.statusCode()));
            assertError(refused, 503, "overloaded");
            assertEquals("7", refused.headers().firstValue("Retry-After").orElse(null));
            assertServerTiming(refused);
            assertEquals(200, c.postJson(body).statusCode(), "the permit came back");
        }
    }

    /** A request Jetty itself rejects (no URI) also gets the JSON error shape, not an HTML page. */
    @Test
    void garbledRequestLineIsJson() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write("GARBAGE\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(response.startsWith("HTTP/1.1 400"), response);
            assertTrue(response.contains("Content-Type: application/json"), response);
            String body = response.substring(response.indexOf("\r\n\r\n") + 4);
            assertEquals("bad_request", TestClient.MAPPER.readTree(body).get("error").asText(), body);
        }
    }

    @Test
    void unknownRouteAndWrongMethodAreJson() {
        assertError(client.get("/v2/nothing"), 404, "not_found");
        HttpResponse<String> r = client.get(TestClient.DECISION);
        assertError(r, 405, "method_not_allowed");
        assertServerTiming(r);
    }
}
