package org.marlbench.bench.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** GET /sidecar/resources/series?since=: the server's resource samples, oldest first. */
public record SidecarSeries(long intervalMs, List<JsonNode> samples) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public static SidecarSeries fetch(String baseUrl, long sinceEpochMs) {
        String url = baseUrl + "/sidecar/resources/series?since=" + sinceEpochMs;
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET " + url + " answered " + r.statusCode() + ": " + r.body());
            }
            return parse(r.body());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading " + url, e);
        }
    }

    public static SidecarSeries parse(String body) throws IOException {
        JsonNode root = JSON.readTree(body);
        JsonNode samples = root.path("samples");
        if (!root.path("intervalMs").canConvertToLong() || !samples.isArray()) {
            throw new IllegalStateException("sidecar series is not {\"intervalMs\": n, \"samples\": [...]}: "
                    + (body.length() > 200 ? body.substring(0, 200) + "…" : body));
        }
        List<JsonNode> list = new ArrayList<>();
        for (JsonNode s : samples) {
            if (!s.path("timestampMs").canConvertToLong()) {
                throw new IllegalStateException("sidecar sample without timestampMs: " + s);
            }
            list.add(s);
        }
        return new SidecarSeries(root.path("intervalMs").asLong(), list);
    }

    /**
     * The samples that describe [startMs, endMs]: the last one at or before the start (the
     * baseline), every one inside, and the first one at or after the end.
     */
    public List<JsonNode> window(long startMs, long endMs) {
        List<JsonNode> out = new ArrayList<>();
        JsonNode before = null;
        for (JsonNode s : samples) {
            long t = s.path("timestampMs").asLong();
            if (t <= startMs) {
                before = s;
            } else if (t < endMs) {
                out.add(s);
            } else {
                out.add(s);
                break;
            }
        }
        if (before != null) out.add(0, before);
        return out;
    }

    public boolean hasSampleAtOrAfter(long epochMs) {
        return !samples.isEmpty() && samples.get(samples.size() - 1).path("timestampMs").asLong() >= epochMs;
    }
}
