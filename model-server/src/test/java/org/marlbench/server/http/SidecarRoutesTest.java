package org.marlbench.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.marlbench.server.ModelServer;
import org.marlbench.server.Settings;

class SidecarRoutesTest {
    private static ModelServer server;
    private static TestClient client;

    @BeforeAll
    static void start() {
        server = ModelServer.start(Settings.of(Map.of("server.port", "0", "sidecar.intervalMs", "50")));
        client = new TestClient(server.url());
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void latestSampleHasTheShapeOfTheSpec() {
        client.postJson("{}"); // one decision request (an error) to see the counters move
        HttpResponse<String> r = client.get("/sidecar/resources");
        assertEquals(200, r.statusCode());
        JsonNode j = TestClient.json(r);
        assertEquals(List.of("timestamp", "timestampMs", "process", "system", "gpu", "inference"), names(j));
        // SPEC's fields in SPEC's order, then ours (clients ignore unknown fields).
        assertEquals(List.of("rssBytes", "heapUsedBytes", "heapMaxBytes", "nonHeapUsedBytes", "cpuPercent", "threads",
                "gcCount", "gcTimeMs", "heapUsedAfterGcBytes", "allocatedBytes"), names(j.get("process")));
        assertEquals(List.of("cpuPercent", "cores", "memoryTotalBytes", "memoryAvailableBytes", "loadAverage1m"),
                names(j.get("system")));
        List<String> inference = names(j.get("inference"));
        assertEquals(List.of("requests", "errors", "inFlight", "fallbacks"), inference.subList(0, 4));
        assertTrue(inference.size() == 4 || inference.equals(List.of("requests", "errors", "inFlight", "fallbacks", "nativeArrays")),
                "nativeArrays once the model is loaded: " + inference);
        assertTrue(j.get("process").get("rssBytes").asLong() > 0);
        assertTrue(j.get("process").get("heapMaxBytes").asLong() > 0);
        assertTrue(j.get("process").get("cpuPercent").isNumber());
        assertTrue(j.get("process").get("allocatedBytes").asLong() > 0);
        assertTrue(j.get("process").get("heapUsedAfterGcBytes").asLong() >= 0);
        assertTrue(j.get("system").get("cores").asInt() >= 1);
        assertTrue(j.get("gpu").isArray());
        assertEquals(0, j.get("gpu").size(), "no GPU on this machine");
        assertEquals(j.get("timestampMs").asLong(), Instant.parse(j.get("timestamp").asText()).toEpochMilli());
        assertTrue(j.get("timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
    }

    @Test
    void countersReachTheSidecar() throws Exception {
        long before = TestClient.json(client.get("/sidecar/resources")).get("inference").get("errors").asLong();
        for (int i = 0; i < 3; i++) client.postJson("{}");
        Thread.sleep(200); // a few sampling intervals
        JsonNode inference = TestClient.json(client.get("/sidecar/resources")).get("inference");
        assertTrue(inference.get("errors").asLong() >= before + 3, inference.toString());
        assertTrue(inference.get("requests").asLong() >= inference.get("errors").asLong());
        assertEquals(0, inference.get("inFlight").asLong());
    }

    @Test
    void seriesGrowsAndSinceFilters() throws Exception {
        JsonNode first = TestClient.json(client.get("/sidecar/resources/series"));
        assertEquals(50, first.get("intervalMs").asInt());
        Thread.sleep(300);
        JsonNode later = TestClient.json(client.get("/sidecar/resources/series"));
        assertTrue(later.get("samples").size() > first.get("samples").size(), "the series grows");
        JsonNode samples = later.get("samples");
        long cut = samples.get(samples.size() / 2).get("timestampMs").asLong();
        JsonNode since = TestClient.json(client.get("/sidecar/resources/series?since=" + cut)).get("samples");
        assertTrue(since.size() > 0 && since.size() < samples.size());
        for (JsonNode s : since) assertTrue(s.get("timestampMs").asLong() >= cut);
        for (int i = 1; i < since.size(); i++) {
            assertTrue(since.get(i).get("timestampMs").asLong() >= since.get(i - 1).get("timestampMs").asLong());
        }
    }

    @Test
    void answersLongerThanJavalinsCopyBufferArriveWhole() throws Exception {
        int wanted = 3 * HttpApp.RESPONSE_COPY_BUFFER_BYTES;
        HttpResponse<String> r = client.get("/sidecar/resources/series");
        for (long deadline = System.nanoTime() + 10_000_000_000L;
             r.body().length() <= wanted && System.nanoTime() < deadline; ) {
            Thread.sleep(100);
            r = client.get("/sidecar/resources/series");
        }
        assertTrue(r.body().length() > wanted, "series still short: " + r.body().length() + " bytes");
        assertEquals(200, r.statusCode());
        assertEquals(r.body().length(), r.headers().firstValueAsLong("Content-Length").orElse(r.body().length()));
        JsonNode samples = TestClient.json(r).get("samples"); // a cut-off body would not parse
        assertTrue(samples.size() > 1);
        assertTrue(samples.get(samples.size() - 1).get("timestampMs").asLong() > 0);
    }

    @Test
    void theSeriesCarriesTheFieldsBeyondSpecToo() throws Exception {
        assertTrue(server.awaitModel(120_000));
        Thread.sleep(200); // samples taken with the model loaded
        JsonNode samples = TestClient.json(client.get("/sidecar/resources/series")).get("samples");
        JsonNode last = samples.get(samples.size() - 1);
        assertTrue(last.get("inference").get("nativeArrays").asLong() >= 4, "the weights at least: " + last);
        assertTrue(last.get("process").get("allocatedBytes").asLong() > 0, last.toString());
        assertTrue(last.get("process").has("heapUsedAfterGcBytes"), last.toString());
    }

    @Test
    void sinceMustBeANumber() {
        HttpResponse<String> r = client.get("/sidecar/resources/series?since=yesterday");
        assertTrue(ErrorAssertions.assertError(r, 400, "bad_parameter").get("message").asText().contains("yesterday"));
    }

    private static List<String> names(JsonNode n) {
        List<String> out = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
