package org.marlbench.bench.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Read-only view of one stats.json (or baseline) in the shape of docs/stats-json.md. Parsing
 * uses the Jackson tree model so this module stays independent of the simulations' classes;
 * every required field is checked up front so a bad file fails here, naming file and field.
 */
public final class StatsDocument {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final double DEFAULT_THRESHOLD_PERCENT = 20.0;

    private final Path file;
    private final ObjectNode root;

    private StatsDocument(Path file, ObjectNode root) {
        this.file = file;
        this.root = root;
    }

    /** Reads and validates; any problem becomes a {@link StatsFileException} naming the file. */
    public static StatsDocument read(Path file) throws StatsFileException {
        JsonNode node;
        try {
            node = JSON.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new StatsFileException(file, "unreadable or not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
        if (node == null || !node.isObject()) {
            throw new StatsFileException(file, "not a JSON object (empty or wrong file?)");
        }
        StatsDocument doc = new StatsDocument(file, (ObjectNode) node);
        doc.validate();
        return doc;
    }

    private void validate() throws StatsFileException {
        requireText("/simulation");
        JsonNode request = measured();
        if (request.isMissingNode() || !request.isObject()) {
            throw new StatsFileException(file, "missing field /requests/" + measuredRequest());
        }
        String base = "/requests/" + measuredRequest();
        requireNumber(base + "/count");
        requireNumber(base + "/throughputPerSecond");
        requireNumber(base + "/errorRate");
        latency("client");
    }

    private void requireText(String pointer) throws StatsFileException {
        if (!root.at(pointer).isTextual()) {
            throw new StatsFileException(file, "missing or non-text field " + pointer);
        }
    }

    private void requireNumber(String pointer) throws StatsFileException {
        if (!root.at(pointer).isNumber()) {
            throw new StatsFileException(file, "missing or non-numeric field " + pointer);
        }
    }

    public Path file() {
        return file;
    }

    public ObjectNode root() {
        return root;
    }

    public String simulation() {
        return root.path("simulation").asText();
    }

    public String profile() {
        return root.path("configProfile").asText("default");
    }

    public String status() {
        return root.path("status").asText("unknown");
    }

    public String gitCommit() {
        return root.path("gitCommit").asText("unknown");
    }

    public String runId() {
        return root.path("runId").asText("");
    }

    public String endedAt() {
        return root.path("endedAt").asText("");
    }

    public String measuredRequest() {
        return root.path("measuredRequest").asText("decision");
    }

    public JsonNode measured() {
        return root.path("requests").path(measuredRequest());
    }

    public JsonNode config() {
        return root.path("config");
    }

    public JsonNode machine() {
        return root.path("machine");
    }

    public JsonNode resources() {
        return root.path("resources");
    }

    public double regressionThresholdPercent() {
        JsonNode t = config().path("regressionThresholdPercent");
        return t.isNumber() && t.asDouble() > 0 ? t.asDouble() : DEFAULT_THRESHOLD_PERCENT;
    }

    public long count() {
        return measured().path("count").asLong();
    }

    public long failures() {
        return measured().path("failures").asLong();
    }

    public double throughputPerSecond() {
        return measured().path("throughputPerSecond").asDouble();
    }

    /** Fraction 0..1 as written by the simulation. */
    public double errorRate() {
        return measured().path("errorRate").asDouble();
    }

    /** True when the measured request has a latency block of that name (client, serverModel, serverTotal). */
    public boolean hasLatency(String block) {
        return measured().path(block).path("histogram").isTextual();
    }

    /** Decodes the histogram of a latency block; throws naming file and block when it is broken. */
    public LatencyDistribution latency(String block) throws StatsFileException {
        String pointer = "/requests/" + measuredRequest() + "/" + block + "/histogram";
        JsonNode h = root.at(pointer);
        if (!h.isTextual()) {
            throw new StatsFileException(file, "missing latency histogram " + pointer);
        }
        try {
            return LatencyDistribution.decode(h.asText());
        } catch (RuntimeException e) {
            throw new StatsFileException(file, "latency histogram " + pointer + " cannot be decoded (" + e + ")", e);
        }
    }

    /** Summary percentile in µs as written in the file (e.g. "p95Micros"), NaN when absent. */
    public double summaryMicros(String block, String field) {
        JsonNode v = measured().path(block).path(field);
        return v.isNumber() ? v.asDouble() : Double.NaN;
    }

    public double resourceNumber(String field) {
        JsonNode v = resources().path(field);
        return v.isNumber() ? v.asDouble() : Double.NaN;
    }
}
