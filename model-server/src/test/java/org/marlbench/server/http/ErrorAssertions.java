package org.marlbench.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;

/** What every error response must be: status, {"error","message"} only, no stack trace. */
final class ErrorAssertions {
    private ErrorAssertions() {
    }

    static JsonNode assertError(HttpResponse<String> r, int status, String code) {
        assertEquals(status, r.statusCode(), () -> "body: " + r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode j = TestClient.json(r);
        assertEquals(code, j.path("error").asText(), r.body());
        String message = j.path("message").asText();
        assertTrue(message.length() > 10, "message should help a person: " + r.body());
        assertEquals(2, j.size(), "only error and message: " + r.body());
        assertFalse(r.body().contains("\tat ") || r.body().contains(".java:") || r.body().contains("Exception"),
                "no stack trace in: " + r.body());
        return j;
    }

    static void assertServerTiming(HttpResponse<String> r) {
        String st = r.headers().firstValue("Server-Timing").orElseThrow(() -> new AssertionError("no Server-Timing"));
        double[] t = ServerTimingTest.parse(st);
        assertTrue(t[1] >= t[0], st);
    }
}
