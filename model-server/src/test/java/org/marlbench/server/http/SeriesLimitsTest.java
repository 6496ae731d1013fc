package org.marlbench.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.marlbench.server.ModelServer;
import org.marlbench.server.Settings;

/**
 * The series route is bounded (issue 10, item 2): at most sidecar.seriesMaxSamples per answer, the
 * oldest first from since, with "truncated" and "nextSince" to page on; without since, only the
 * default window. It used to answer every kept sample: 1.2 MB after 12 minutes at 250 ms.
 */
class SeriesLimitsTest {
    private static final int MAX_SAMPLES = 10;
    private static ModelServer server;
    private static TestClient client;

    @BeforeAll
    static void start() throws Exception {
        server = ModelServer.start(Settings.of(Map.of("server.port", "0", "sidecar.intervalMs", "50",
                "sidecar.seriesMaxSamples", Integer.toString(MAX_SAMPLES), "sidecar.seriesDefaultWindowMs", "200",
                "sidecar.seriesMaxPerSecond", "20")), () -> {
            throw new IllegalStateException("no model in this test");
        });
        client = new TestClient(server.url());
        Thread.sleep(1500); // about 30 samples, three times the maximum
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void anAnswerHoldsAtMostTheMaximumAndPagesOn() {
        JsonNode first = series("?since=0");
        assertEquals(MAX_SAMPLES, first.get("samples").size());
        assertTrue(first.get("truncated").asBoolean(), first.toString());
        long lastMs = last(first);
        assertEquals(lastMs + 1, first.get("nextSince").asLong());

        // Page through everything: no sample twice, none skipped, oldest first.
        List<Long> all = new ArrayList<>();
        JsonNode page = first;
        for (int pages = 0; pages < 100; pages++) {
            for (JsonNode s : page.get("samples")) all.add(s.get("timestampMs").asLong());
            if (!page.get("truncated").asBoolean()) break;
            assertTrue(page.get("samples").size() <= MAX_SAMPLES);
            page = series("?since=" + page.get("nextSince").asLong());
        }
        assertFalse(page.get("truncated").asBoolean(), "the last page says so");
        assertFalse(page.has("nextSince"));
        assertTrue(all.size() > 2 * MAX_SAMPLES, "several pages: " + all.size() + " samples");
        for (int i = 1; i < all.size(); i++) assertTrue(all.get(i) > all.get(i - 1), "in order, no duplicate: " + all);
    }

    @Test
    void withoutSinceOnlyTheDefaultWindow() {
        JsonNode recent = series("");
        JsonNode samples = recent.get("samples");
        assertFalse(recent.get("truncated").asBoolean());
        assertTrue(samples.size() >= 1 && samples.size() <= 200 / 50 + 1, "a 200 ms window at 50 ms: " + samples.size());
        assertTrue(last(recent) - samples.get(0).get("timestampMs").asLong() <= 200, recent.toString());
        assertEquals(50, recent.get("intervalMs").asInt());
    }

    /** At most 20 answers a second (one per 50 ms), however fast they are asked for: pollers wait. */
    @Test
    void answersArePaced() {
        series("");
        long t0 = System.nanoTime();
        for (int i = 0; i < 10; i++) series("");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms >= 450, "10 answers at 20/s take about 500 ms, took " + ms);
    }

    @Test
    void theDefaultWindowMustFitInOneAnswer() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HttpSettings.from(Settings.of(Map.of(
                "sidecar.intervalMs", "250", "sidecar.seriesMaxSamples", "100", "sidecar.seriesDefaultWindowMs", "60000"))));
        assertTrue(e.getMessage().contains("sidecar.seriesDefaultWindowMs=60000") && e.getMessage().contains("sidecar.seriesMaxSamples=100"),
                e.getMessage());
    }

    private static JsonNode series(String query) {
        HttpResponse<String> r = client.get("/sidecar/resources/series" + query);
        assertEquals(200, r.statusCode(), r.body());
        return TestClient.json(r);
    }

    private static long last(JsonNode answer) {
        JsonNode samples = answer.get("samples");
        return samples.get(samples.size() - 1).get("timestampMs").asLong();
    }
}
