package org.marlbench.bench.stats;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds and writes stats.json exactly as docs/stats-json.md describes it. */
public final class StatsJson {
    public static final int SCHEMA_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** Everything of one run that goes into the file. */
    public record Run(String simulation, Instant startedAt, Instant endedAt, String gitCommit, String configProfile,
                      Map<String, Object> config, Map<String, Object> injection, Map<String, Object> machine,
                      String measuredRequest, Map<String, RequestStats> requests, Map<String, Object> resources,
                      List<Check> checks) {
        public boolean passed() {
            return checks.stream().allMatch(Check::passed);
        }
    }

    private StatsJson() {
    }

    public static Map<String, Object> toMap(Run run) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schemaVersion", SCHEMA_VERSION);
        m.put("simulation", run.simulation());
        m.put("runId", RUN_ID.format(run.startedAt()) + "-" + run.simulation());
        m.put("startedAt", run.startedAt().toString());
        m.put("endedAt", run.endedAt().toString());
        m.put("gitCommit", run.gitCommit());
        m.put("configProfile", run.configProfile());
        m.put("config", run.config());
        m.put("injection", run.injection());
        m.put("machine", run.machine());
        m.put("measuredRequest", run.measuredRequest());
        Map<String, Object> requests = new LinkedHashMap<>();
        run.requests().forEach((name, stats) -> requests.put(name, request(stats)));
        m.put("requests", requests);
        m.put("resources", run.resources());
        m.put("checks", run.checks().stream().map(Check::asMap).toList());
        m.put("status", run.passed() ? "passed" : "failed");
        return m;
    }

    static Map<String, Object> request(RequestStats s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", s.count());
        m.put("failures", s.failures());
        m.put("errorRate", s.errorRate());
        m.put("throughputPerSecond", s.throughputPerSecond());
        m.put("client", LatencyBlock.of(s.client()));
        m.put("serverTotal", LatencyBlock.of(s.serverTotal()));
        m.put("serverModel", LatencyBlock.of(s.serverModel()));
        return m;
    }

    public static Path write(Run run, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writeValue(tmp.toFile(), toMap(run));
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return file;
    }
}
