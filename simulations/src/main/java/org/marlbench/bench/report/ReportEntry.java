package org.marlbench.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.List;
import java.util.Locale;

/**
 * One simulation in the report: its stats.json, its comparison.json (missing when the gate has
 * not run) and its history lines; or, for a stats file that cannot be read, the reason.
 */
public record ReportEntry(String name, JsonNode stats, JsonNode comparison, List<JsonNode> history, String readError) {

    static ReportEntry unreadable(String name, String error) {
        return new ReportEntry(name, MissingNode.getInstance(), MissingNode.getInstance(), List.of(), error);
    }

    public JsonNode measured() {
        return stats.path("requests").path(stats.path("measuredRequest").asText("decision"));
    }

    /** PASSED unless the run failed its own checks, the baseline gate failed it, or it is unreadable. */
    public String status() {
        if (readError != null) {
            return "FAILED";
        }
        boolean ownChecks = "passed".equals(stats.path("status").asText());
        boolean gate = !comparison.isObject() || comparison.path("passed").asBoolean(true);
        return ownChecks && gate ? "PASSED" : "FAILED";
    }

    public String outcome() {
        return comparison.isObject() ? comparison.path("outcome").asText("?") : "not compared";
    }

    public double micros(String block, String field) {
        JsonNode v = measured().path(block).path(field);
        return v.isNumber() ? v.asDouble() : Double.NaN;
    }

    static String ms(double micros) {
        return Double.isFinite(micros) ? String.format(Locale.ROOT, "%.3fms", micros / 1000.0) : "n/a";
    }
}
