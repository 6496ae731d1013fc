package org.marlbench.server.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import org.marlbench.server.component.Decision;
import org.marlbench.server.component.StrategicComponent;
import org.marlbench.server.sidecar.SampleJson;

/**
 * Writes the 200 response of POST /v1/strategic/decision (SPEC section 2) with a streaming
 * JsonGenerator. "correlationId" is always present: the request's value, or null if none.
 */
final class DecisionJson {
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();
    private static final List<String> AGENTS = StrategicComponent.AGENTS;

    private DecisionJson() {
    }

    static byte[] write(Decision d, String correlationId, long timestampMs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(768);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("action", d.action().label());
            number(g, "confidence", d.confidence());
            number(g, "uncertainty", d.uncertainty());
            g.writeBooleanField("shouldProceed", d.shouldProceed());
            g.writeStringField("regime", d.regime().label());
            g.writeStringField("reasoning", d.reasoning());
            g.writeStringField("timestamp", SampleJson.ISO_MILLIS.format(Instant.ofEpochMilli(timestampMs)));
            g.writeStringField("correlationId", correlationId);
            byAgent(g, "agentContributions", d.agentContributions());

            g.writeObjectFieldStart("performanceMetrics");
            array(g, "ensembleProbabilities", d.ensembleProbabilities(), 3);
            byAgent(g, "individualConfidences", d.individualConfidences());
            array(g, "gatingWeights", d.gatingWeights(), AGENTS.size());
            g.writeArrayFieldStart("fallbackAgents");
            for (String agent : d.fallbackAgents()) g.writeString(agent);
            g.writeEndArray();
            g.writeNumberField("totalComputationTimeMs", d.computeNanos() / 1_000_000.0);
            g.writeEndObject();

            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory stream: cannot happen
        }
        return out.toByteArray();
    }

    private static void byAgent(JsonGenerator g, String field, double[] values) throws IOException {
        requireLength(field, values, AGENTS.size());
        g.writeObjectFieldStart(field);
        for (int i = 0; i < values.length; i++) number(g, AGENTS.get(i), values[i]);
        g.writeEndObject();
    }

    private static void array(JsonGenerator g, String field, double[] values, int length) throws IOException {
        requireLength(field, values, length);
        g.writeArrayFieldStart(field);
        for (double v : values) {
            finite(field, v);
            g.writeNumber(v);
        }
        g.writeEndArray();
    }

    private static void number(JsonGenerator g, String field, double v) throws IOException {
        finite(field, v);
        g.writeNumberField(field, v);
    }

    /** A non-finite or mis-sized value is a component bug: fail loudly (500), never emit bad JSON. */
    private static void finite(String field, double v) {
        if (!Double.isFinite(v)) throw new IllegalStateException("component produced a non-finite " + field + ": " + v);
    }

    private static void requireLength(String field, double[] values, int length) {
        if (values == null || values.length != length) {
            throw new IllegalStateException("component produced " + field + " of length "
                    + (values == null ? "null" : values.length) + ", expected " + length);
        }
    }
}
