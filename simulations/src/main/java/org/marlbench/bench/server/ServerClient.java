package org.marlbench.bench.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.marlbench.bench.files.Json;
import org.marlbench.bench.results.SidecarSample;

/**
 * The benchmark's own HTTP calls to a server (health, the SPEC probe, the sidecar), written
 * against SPEC only, so any server that speaks SPEC works: HTTP/1.1 without the JDK client's
 * default {@code Upgrade: h2c} (uvicorn answers that with 400), and only SPEC fields read. The
 * bearer token, when the server wants one, goes on every call.
 */
public final class ServerClient {
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private final String baseUrl;
    private final String authToken;

    public ServerClient(String baseUrl, String authToken) {
        this.baseUrl = baseUrl;
        this.authToken = authToken;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** GET /health; 200 with status UP, else IOException with what it answered. */
    public JsonNode health() throws IOException, InterruptedException {
        HttpResponse<String> r = send(request("/health").GET());
        JsonNode body = parse(r.body());
        if (r.statusCode() != 200 || !"UP".equals(body.path("status").asText())) {
            throw new IOException("GET /health answered " + r.statusCode() + " " + abbreviate(r.body()));
        }
        return body;
    }

    public boolean isUp() {
        try {
            health();
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Polls /health until UP; on timeout throws naming the server and its last answer. */
    public JsonNode awaitUp(Duration timeout, Supplier<String> who) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (true) {
            try {
                return health();
            } catch (IOException e) {
                last = e instanceof ConnectException ? "connection refused (nothing listening?)"
                        : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + who.get());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(who.get() + " is not healthy at " + baseUrl + "/health after "
                        + timeout.toSeconds() + " s; last answer: " + last);
            }
            sleep(200);
        }
    }

    /** GET /sidecar/resources: the latest sample (SPEC fields). */
    public SidecarSample latestSample() throws IOException, InterruptedException {
        HttpResponse<String> r = send(request("/sidecar/resources").GET());
        if (r.statusCode() != 200) throw new IOException("GET /sidecar/resources answered " + r.statusCode());
        return Json.MAPPER.readValue(r.body(), SidecarSample.class);
    }

    /** POST a JSON body. */
    public HttpResponse<String> postJson(String path, String body) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /**
     * Every sidecar sample from {@code sinceEpochMs} on, oldest first. A server may cap the samples of
     * one answer: the next page is asked for from just after the last sample received, until a page
     * says it is not truncated or brings nothing new. A 503 (the series route is paced) is retried.
     */
    public SidecarSeries series(long sinceEpochMs) {
        List<SidecarSample> all = new ArrayList<>();
        long intervalMs = 0;
        long since = sinceEpochMs;
        for (int page = 0; page < 1000; page++) {
            String path = "/sidecar/resources/series?since=" + since;
            SidecarSeries one;
            try {
                HttpResponse<String> r = send(request(path).GET());
                for (int retry = 0; r.statusCode() == 503 && retry < 20; retry++) {
                    sleep(250);
                    r = send(request(path).GET());
                }
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("GET " + baseUrl + path + " answered " + r.statusCode() + ": " + abbreviate(r.body()));
                }
                one = SidecarSeries.parse(r.body());
            } catch (IOException e) {
                throw new IllegalStateException("GET " + baseUrl + path + " failed: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted reading " + baseUrl + path, e);
            }
            intervalMs = one.intervalMs();
            List<SidecarSample> fresh = one.samples().stream().filter(s -> s.epochMs() >= sinceEpochMs
                    && (all.isEmpty() || s.epochMs() > all.get(all.size() - 1).epochMs())).toList();
            if (fresh.isEmpty()) break;
            all.addAll(fresh);
            since = fresh.get(fresh.size() - 1).epochMs() + 1;
            if (!one.truncated()) break;
        }
        return new SidecarSeries(intervalMs, all);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10));
        if (authToken != null) b.header("Authorization", "Bearer " + authToken);
        return b;
    }

    private static HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode parse(String body) throws IOException {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new IOException("answer is not JSON: " + abbreviate(body), e);
        }
    }

    static String abbreviate(String s) {
        if (s == null) return "";
        return s.length() <= 300 ? s : s.substring(0, 300) + "…";
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
