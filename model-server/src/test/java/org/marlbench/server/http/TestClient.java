package org.marlbench.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/** java.net.http against the in-process server, plus the request bodies the tests send. */
final class TestClient {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String DECISION = "/v1/strategic/decision";

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    TestClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    HttpResponse<String> postJson(String body) {
        return post(body, "application/json");
    }

    HttpResponse<String> post(String body, String contentType) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + DECISION))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) b.header("Content-Type", contentType);
        return send(b);
    }

    HttpResponse<String> send(HttpRequest.Builder b) {
        try {
            return client.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> r) {
        return json(r.body());
    }

    static JsonNode json(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    /** A plausible 48x13 market matrix, deterministic in {@code seed}. */
    static double[][] matrix(int seed) {
        double[][] m = new double[48][13];
        for (int r = 0; r < 48; r++) {
            for (int c = 0; c < 13; c++) {
                m[r][c] = Math.round(Math.sin(0.37 * (r + 1) * (c + 1) + seed) * 1e6) / 1e7;
            }
        }
        return m;
    }

    static String matrixJson(double[][] m) {
        StringBuilder sb = new StringBuilder("[");
        for (int r = 0; r < m.length; r++) {
            if (r > 0) sb.append(',');
            sb.append('[');
            for (int c = 0; c < m[r].length; c++) {
                if (c > 0) sb.append(',');
                sb.append(String.format(Locale.ROOT, "%s", m[r][c]));
            }
            sb.append(']');
        }
        return sb.append(']').toString();
    }

    static String body(double[][] m) {
        return "{\"matrix\":" + matrixJson(m) + "}";
    }

    /** The matrix with one cell replaced by a raw JSON token, e.g. "1e39", "NaN", "\"x\"". */
    static String bodyWithCell(int row, int col, String token) {
        double[][] m = matrix(1);
        String marker = "0.987654321"; // 9 decimals: no other cell (7 decimals) prints like it
        m[row][col] = 0.987654321;
        return body(m).replace(marker, token);
    }
}
