package org.marlbench.bench.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.marlbench.bench.files.Json;
import org.marlbench.bench.measure.ServerTimingHeader;

/**
 * One decision request before the load, checked against SPEC section 2: status 200, every
 * response field with its JSON type, and a Server-Timing header carrying model and total.
 * A server that fails it is not measured: numbers from a wrong server are worse than none.
 */
public final class SpecProbe {
    static final String CORRELATION_ID = "bench-probe-1";
    private static final Set<String> ACTIONS = Set.of("buy", "hold", "sell");
    private static final List<String> AGENTS = List.of("mlmi", "nwrqk", "regime");

    private SpecProbe() {
    }

    /** Sends {@code decisionBody} (a valid request without correlationId) and throws listing every violation. */
    public static void requireConformant(ServerClient server, String decisionBody) {
        String baseUrl = server.baseUrl();
        String body = withCorrelationId(decisionBody);
        HttpResponse<String> r;
        try {
            r = server.postJson("/v1/strategic/decision", body);
        } catch (IOException e) {
            throw new IllegalStateException("SPEC probe: POST " + baseUrl + "/v1/strategic/decision failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("SPEC probe interrupted", e);
        }
        List<String> problems = violations(r.statusCode(), r.headers().firstValue("Server-Timing").orElse(null), r.body());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the server at " + baseUrl + " does not conform to SPEC.md; the probe "
                    + "decision request found:\n - " + String.join("\n - ", problems)
                    + "\nresponse " + r.statusCode() + ": " + ServerClient.abbreviate(r.body()));
        }
    }

    static String withCorrelationId(String body) {
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            if (!(node instanceof com.fasterxml.jackson.databind.node.ObjectNode object)) {
                throw new IllegalArgumentException("probe body is not a JSON object");
            }
            object.put("correlationId", CORRELATION_ID);
            return Json.MAPPER.writeValueAsString(object);
        } catch (IOException e) {
            throw new IllegalArgumentException("probe body is not JSON: " + e.getMessage(), e);
        }
    }

    static List<String> violations(int status, String serverTiming, String body) {
        List<String> p = new ArrayList<>();
        if (status != 200) p.add("status " + status + ", expected 200");
        if (ServerTimingHeader.durationMicros(serverTiming, "model").isEmpty()) {
            p.add("Server-Timing header lacks model;dur (got " + serverTiming + ")");
        }
        if (ServerTimingHeader.durationMicros(serverTiming, "total").isEmpty()) {
            p.add("Server-Timing header lacks total;dur (got " + serverTiming + ")");
        }
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            p.add("body is not JSON: " + e.getMessage());
            return p;
        }
        if (json == null || !json.isObject()) {
            p.add("body is not a JSON object");
            return p;
        }
        if (!ACTIONS.contains(json.path("action").asText(null))) p.add("action is not one of buy, hold, sell");
        number(p, json, "confidence");
        number(p, json, "uncertainty");
        if (!json.path("shouldProceed").isBoolean()) p.add("shouldProceed is not a boolean");
        text(p, json, "regime");
        text(p, json, "reasoning");
        text(p, json, "timestamp");
        if (!CORRELATION_ID.equals(json.path("correlationId").asText(null))) p.add("correlationId is not echoed");
        JsonNode contributions = json.path("agentContributions");
        for (String agent : AGENTS) number(p, contributions, agent, "agentContributions.");
        JsonNode metrics = json.path("performanceMetrics");
        if (!metrics.isObject()) {
            p.add("performanceMetrics is not an object");
            return p;
        }
        numbers(p, metrics, "ensembleProbabilities");
        numbers(p, metrics, "gatingWeights");
        for (String agent : AGENTS) number(p, metrics.path("individualConfidences"), agent, "performanceMetrics.individualConfidences.");
        if (!metrics.path("fallbackAgents").isArray()) p.add("performanceMetrics.fallbackAgents is not an array");
        number(p, metrics, "totalComputationTimeMs", "performanceMetrics.");
        return p;
    }

    private static void number(List<String> p, JsonNode parent, String field) {
        number(p, parent, field, "");
    }

    private static void number(List<String> p, JsonNode parent, String field, String prefix) {
        if (!parent.path(field).isNumber()) p.add(prefix + field + " is not a number");
    }

    private static void text(List<String> p, JsonNode parent, String field) {
        if (!parent.path(field).isTextual()) p.add(field + " is not a string");
    }

    private static void numbers(List<String> p, JsonNode parent, String field) {
        JsonNode a = parent.path(field);
        boolean ok = a.isArray() && a.size() == 3;
        if (ok) for (JsonNode n : a) ok &= n.isNumber();
        if (!ok) p.add("performanceMetrics." + field + " is not an array of 3 numbers");
    }
}
