package org.marlbench.bench.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

/** GET /health: 200 with status UP means ready (SPEC: 503 DOWN until the model is loaded). */
public final class HealthCheck {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private HealthCheck() {
    }

    public static JsonNode fetch(String baseUrl) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/health"))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(r.body());
        if (r.statusCode() != 200 || !"UP".equals(body.path("status").asText())) {
            throw new IOException("GET /health answered " + r.statusCode() + " " + abbreviate(r.body()));
        }
        return body;
    }

    public static boolean isUp(String baseUrl) {
        try {
            fetch(baseUrl);
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Polls /health until UP; on timeout throws naming the server and the last answer. */
    public static JsonNode awaitUp(String baseUrl, Duration timeout, Supplier<String> who) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (true) {
            try {
                return fetch(baseUrl);
            } catch (IOException e) {
                last = e instanceof java.net.ConnectException ? "connection refused (nothing listening?)"
                        : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + who.get());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(who.get() + " is not healthy at " + baseUrl + "/health after "
                        + timeout.toSeconds() + " s; last answer: " + last);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + who.get());
            }
        }
    }

    static String abbreviate(String s) {
        if (s == null) return "";
        return s.length() <= 300 ? s : s.substring(0, 300) + "…";
    }
}
