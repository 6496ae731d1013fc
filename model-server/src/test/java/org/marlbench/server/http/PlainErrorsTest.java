package org.marlbench.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.marlbench.server.ModelServer;
import org.marlbench.server.Settings;

/**
 * Error messages in plain words (issue 10, item 6): no answer names a library class, package,
 * feature flag, getter or token kind. 400 messages used to pass Jackson's own text on, e.g.
 * "enable `JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS` to allow". Checked over the feeders'
 * invalid-request corpus, one body per path of the JSON parser, and what Jetty rejects itself.
 */
class PlainErrorsTest {
    /** What must never appear in an error message (kept apart from the server's own guard, PlainText). */
    static final Pattern LEAK = Pattern.compile("(?i:jackson|fasterxml|jetty|javalin)|Exception|Feature|Constraints|`"
            + "|\\w\\(\\)|\\b[A-Z]{2,}_[A-Z_]+\\b|\\bJson[A-Z]|StreamRead|\\bget[A-Z]|\\b(com|org|java|javax|jakarta)\\.[a-z]");

    private static ModelServer server;
    private static TestClient client;

    @BeforeAll
    static void start() {
        server = ModelServer.start(Settings.of(Map.of("server.port", "0")), () -> {
            throw new IllegalStateException("no model in this test");
        });
        client = new TestClient(server.url());
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    /** Asserts the message is plain, and returns it. */
    static String assertPlain(String body) {
        JsonNode j = TestClient.json(body);
        String message = j.path("message").asText();
        assertFalse(message.isBlank(), body);
        assertFalse(LEAK.matcher(message).find(), "library words in: " + message);
        return message;
    }

    @Test
    void theFeedersInvalidRequestCorpus() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("../feeders/data/invalid-requests.jsonl"));
        assertTrue(lines.size() >= 30, "the corpus: " + lines.size());
        for (String line : lines) {
            JsonNode c = TestClient.MAPPER.readTree(line);
            String name = c.get("name").asText();
            String body = c.get("body").isNull() ? padded(c.get("bodyBytes").asInt()) : c.get("body").asText();
            String contentType = c.get("contentType").isNull() ? null : c.get("contentType").asText();
            HttpResponse<String> r = client.post(body, contentType);
            assertEquals(c.get("expectedStatus").asInt(), r.statusCode(), name + ": " + r.body());
            assertEquals(c.get("expectedError").asText(), TestClient.json(r).path("error").asText(), name);
            assertPlain(r.body());
        }
    }

    /** One body per way the JSON parser refuses, with the words it must use. */
    @Test
    void everyJsonParserRefusalIsPlain() {
        String matrix = TestClient.matrixJson(TestClient.matrix(1));
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("{\"matrix\":[[+1]]}", "a number starts with '+'");
        cases.put("{\"a\":" + "[".repeat(1100) + "}", "nested more than 1000 levels deep");
        cases.put("{\"a\":1" + "0".repeat(1200) + "}", "a number is longer than 1000 characters");
        cases.put("{\"matrix\":" + matrix + ",\"matrix\":" + matrix + "}", "the field \"matrix\" appears more than once");
        cases.put("{\"matrix\":[[1,", "ends before the JSON is complete");
        cases.put("{\"x\":\"a\u0001b\"}", "control character that must be escaped");
        cases.put("{\"x\":\"\\q\"}", "invalid escape sequence");
        cases.put("{x:1}", "unexpected 'x' where a quoted field name belongs");
        cases.put("{\"x\":tru}", "a word stands where a value belongs");
        cases.put("{\"x\":[1}", "a closing bracket or brace does not match");
        cases.put("{\"x\":1}}", "a closing bracket or brace does not match");
        cases.put("{\"x\":01}", "a number starts with a zero followed by digits");
        cases.put("{\"x\":-}", "a number is malformed");
        cases.put("{\"x\":1 2}", "unexpected '2' where a comma belongs");
        cases.put("\u0000", "a control character stands between values");
        cases.put("{\"x\":1}x", "a word stands where a value belongs");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<String> r = client.postJson(c.getKey());
            assertEquals(400, r.statusCode(), r.body());
            assertEquals("malformed_json", TestClient.json(r).path("error").asText(), r.body());
            String message = assertPlain(r.body());
            assertTrue(message.startsWith("request body is not valid JSON: ") && message.contains(c.getValue())
                    && message.contains("(line 1, column "), message);
        }
        HttpResponse<String> badUtf8 = client.send(HttpRequest.newBuilder(URI.create(server.url() + TestClient.DECISION))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(
                        new byte[] {'{', '"', 'x', '"', ':', '"', (byte) 0xff, '"', '}'})));
        assertEquals(400, badUtf8.statusCode());
        assertTrue(assertPlain(badUtf8.body()).contains("not valid UTF-8"), badUtf8.body());
    }

    /** Requests Jetty refuses before routing, and the model's load failure: plain too. */
    @Test
    void jettysRefusalsAndTheLoadFailureArePlain() {
        String d = TestClient.DECISION;
        for (String raw : new String[] {
                "GARBAGE\r\n\r\n",
                "POST " + d + " HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\nConnection: close\r\n\r\n",
                "POST " + d + " HTTP/1.1\r\nHost: x\r\nContent-Length: 12abc\r\nConnection: close\r\n\r\n",
                "POST " + d + " HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\nConnection: close\r\n\r\n",
                "POST " + d + " HTTP/9.9\r\nHost: x\r\nConnection: close\r\n\r\n",
                "POST " + d + " HTTP/1.1\r\nHo st: x\r\nConnection: close\r\n\r\n",
                "GET /%%% HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"}) {
            RawHttp.Response r = RawHttp.exchange(server.port(), raw);
            assertTrue(r.status() >= 400, r.head()); // 400, 431, 505 (unknown HTTP version)
            assertPlain(r.body());
        }
        HttpResponse<String> notReady = client.postJson(TestClient.body(TestClient.matrix(1)));
        assertEquals(503, notReady.statusCode());
        assertEquals("model failed to load: no model in this test", assertPlain(notReady.body()));
        HttpResponse<String> health = client.get("/health");
        assertFalse(LEAK.matcher(TestClient.json(health).path("reason").asText()).find(), health.body());
    }

    /** A valid request padded in correlationId to the given size (the corpus keeps only its hash). */
    private static String padded(int bytes) {
        String head = "{\"matrix\":" + TestClient.matrixJson(TestClient.matrix(1)) + ",\"correlationId\":\"";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes("x".repeat(bytes - head.length() - 2).getBytes(StandardCharsets.UTF_8));
        out.writeBytes("\"}".getBytes(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
