package org.marlbench.bench.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.marlbench.bench.files.Json;
import org.marlbench.bench.results.SidecarSample;

/**
 * GET /sidecar/resources/series: the server's resource samples, oldest first (SPEC section 2).
 * {@code truncated}: the server said the answer stopped short of its newest sample (our server's
 * {@code "truncated": true}; absent on a SPEC-only server, read as "maybe": the caller pages on).
 */
public record SidecarSeries(long intervalMs, List<SidecarSample> samples, boolean truncated) {

    public SidecarSeries(long intervalMs, List<SidecarSample> samples) {
        this(intervalMs, samples, false);
    }

    /** @throws IllegalStateException when the answer is not SPEC's {@code {"intervalMs": n, "samples": [...]}} */
    public static SidecarSeries parse(String body) throws IOException {
        JsonNode root = Json.MAPPER.readTree(body);
        JsonNode samples = root == null ? null : root.path("samples");
        if (root == null || !root.path("intervalMs").canConvertToLong() || !samples.isArray()) {
            throw new IllegalStateException("sidecar series is not {\"intervalMs\": n, \"samples\": [...]}: "
                    + ServerClient.abbreviate(body));
        }
        List<SidecarSample> list = new ArrayList<>();
        for (JsonNode s : samples) {
            SidecarSample sample = Json.MAPPER.treeToValue(s, SidecarSample.class);
            sample.epochMs(); // a sample without SPEC's ISO timestamp is an error here, not a silent zero later
            list.add(sample);
        }
        JsonNode truncated = root.path("truncated");
        return new SidecarSeries(root.path("intervalMs").asLong(), list, !truncated.isBoolean() || truncated.asBoolean());
    }

    /**
     * The samples that describe [startMs, endMs]: the last one at or before the start (the baseline),
     * every one inside, and the first one at or after the end.
     */
    public List<SidecarSample> window(long startMs, long endMs) {
        List<SidecarSample> out = new ArrayList<>();
        SidecarSample before = null;
        for (SidecarSample s : samples) {
            long t = s.epochMs();
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
        return !samples.isEmpty() && samples.get(samples.size() - 1).epochMs() >= epochMs;
    }
}
