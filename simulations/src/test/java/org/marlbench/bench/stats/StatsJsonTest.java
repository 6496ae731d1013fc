package org.marlbench.bench.stats;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marlbench.bench.config.ConfigLoader;
import org.marlbench.bench.config.LoadedConfig;
import org.marlbench.bench.resources.ResourceLimits;
import org.marlbench.bench.resources.ResourceSummary;
import org.marlbench.bench.resources.SidecarSeries;

class StatsJsonTest {
    /** docs/stats-json.md, the format's definition: the test holds the writer to it. */
    static final Path DOC = Path.of("..", "docs", "stats-json.md");

    static StatsJson.Run sampleRun() throws Exception {
        LoadedConfig loaded = ConfigLoader.load(new Properties());
        Map<String, RequestStats> requests = new LinkedHashMap<>();
        for (String name : List.of("decision", "warmup")) {
            RequestStats s = new RequestStats(name);
            long t = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                s.record(t + i * 1_000_000L, t + i * 1_000_000L + 800_000 + i * 1000, i != 3, OptionalLong.of(500 + i),
                        OptionalLong.of(200 + i));
            }
            requests.put(name, s);
        }
        SidecarSeries series = SidecarSeries.parse(org.marlbench.bench.resources.ResourceSummaryTestAccess.series());
        ResourceSummary resources = ResourceSummary.of(series.intervalMs(), series.window(1100, 1900));
        List<Check> checks = new java.util.ArrayList<>();
        checks.add(LatencyChecks.clientPercentileBelow(requests.get("decision"), 95, 75));
        checks.addAll(ResourceLimits.evaluate(loaded.config(), resources));
        Map<String, Object> machine = new LinkedHashMap<>();
        for (String k : List.of("cpuModel", "cores", "memoryTotalBytes", "os", "jvm", "engine", "serverUrl")) machine.put(k, "x");
        return new StatsJson.Run("ConcurrentUsersSimulation", Instant.parse("2026-11-27T13:05:01.123Z"),
                Instant.parse("2026-11-27T13:06:01.456Z"), "abc1234", loaded.profileName(), loaded.config().asMap(),
                loaded.injection().asMap(), machine, "decision", requests, resources.asMap(), checks);
    }

    @Test
    void writesEveryFieldOfTheDocumentedFormatAndNothingElse(@TempDir Path dir) throws Exception {
        Path file = StatsJson.write(sampleRun(), dir.resolve("ConcurrentUsersSimulation/stats.json"));
        JsonNode json = new ObjectMapper().readTree(file.toFile());

        Set<String> written = new TreeSet<>();
        collectKeys(json, written);
        Set<String> documented = documentedKeys();
        documented.remove("error"); // the documented alternative form of resources, for a dead server
        assertEquals(documented, written, "stats.json keys must be exactly those of docs/stats-json.md");

        assertEquals(1, json.get("schemaVersion").asInt());
        assertEquals("20261127T130501Z-ConcurrentUsersSimulation", json.get("runId").asText());
        assertEquals("2026-11-27T13:05:01.123Z", json.get("startedAt").asText());
        assertEquals("default", json.get("configProfile").asText());
        assertEquals(100, json.at("/requests/decision/count").asLong());
        assertEquals(1, json.at("/requests/decision/failures").asLong());
        assertEquals("micros", json.at("/requests/decision/client/histogramUnit").asText());
        assertEquals(json.at("/requests/decision/serverModel/p50Micros").asLong(), 250, 1);
        assertTrue(json.at("/resources/series").isArray());
        assertEquals("failed", json.get("status").asText(), "resource limits in the sample run are exceeded");
        assertEquals(4, json.get("checks").size());
        // The histogram decodes to the same percentiles as the summary fields.
        var h = LatencyBlock.decode(json.at("/requests/decision/client/histogram").asText());
        assertEquals(json.at("/requests/decision/client/p99Micros").asLong(), h.getValueAtPercentile(99));
        assertFalse(Files.exists(file.resolveSibling("stats.json.tmp")));
    }

    /** Keys of the written JSON, except inside resources.series (SPEC's sidecar sample). */
    private static void collectKeys(JsonNode node, Set<String> keys) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                keys.add(e.getKey());
                if (!e.getKey().equals("series")) collectKeys(e.getValue(), keys);
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectKeys(n, keys));
        }
    }

    /** Every "key": in the doc's jsonc blocks (request names included: "decision", "warmup"). */
    private static Set<String> documentedKeys() throws Exception {
        String doc = Files.readString(DOC);
        Set<String> keys = new TreeSet<>();
        Matcher m = Pattern.compile("\"([A-Za-z0-9]+)\"\\s*:").matcher(doc);
        while (m.find()) keys.add(m.group(1));
        return keys;
    }
}
