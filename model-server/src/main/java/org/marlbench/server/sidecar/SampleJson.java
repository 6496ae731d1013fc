package org.marlbench.server.sidecar;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes one sample as the JSON of SPEC section 2, plus "timestampMs" (epoch ms) next to "timestamp", and,
 * when known, process.heapUsedAfterGcBytes, process.allocatedBytes and inference.nativeArrays.
 * The series answer is assembled from these bytes by {@link SeriesJson}.
 */
public final class SampleJson {
    /** ISO-8601 UTC, always with milliseconds (ISO_INSTANT drops them when zero). */
    public static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

    private static final JsonFactory JSON = new JsonFactory();

    private SampleJson() {
    }

    public static byte[] sample(ResourceSample s) {
        return write(g -> writeSample(g, s));
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory stream: cannot happen
        }
        return out.toByteArray();
    }

    private static void writeSample(JsonGenerator g, ResourceSample s) throws IOException {
        g.writeStartObject();
        g.writeStringField("timestamp", ISO_MILLIS.format(Instant.ofEpochMilli(s.timestampMs())));
        g.writeNumberField("timestampMs", s.timestampMs());

        ResourceSample.ProcessUsage p = s.process();
        g.writeObjectFieldStart("process");
        g.writeNumberField("rssBytes", p.rssBytes());
        g.writeNumberField("heapUsedBytes", p.heapUsedBytes());
        g.writeNumberField("heapMaxBytes", p.heapMaxBytes());
        g.writeNumberField("nonHeapUsedBytes", p.nonHeapUsedBytes());
        g.writeNumberField("cpuPercent", round2(p.cpuPercent()));
        g.writeNumberField("threads", p.threads());
        g.writeNumberField("gcCount", p.gcCount());
        g.writeNumberField("gcTimeMs", p.gcTimeMs());
        // Beyond SPEC (clients ignore unknown fields); left out when unknown.
        if (p.heapUsedAfterGcBytes() != null) g.writeNumberField("heapUsedAfterGcBytes", p.heapUsedAfterGcBytes());
        if (p.allocatedBytes() != null) g.writeNumberField("allocatedBytes", p.allocatedBytes());
        g.writeEndObject();

        ResourceSample.SystemUsage y = s.system();
        g.writeObjectFieldStart("system");
        g.writeNumberField("cpuPercent", round2(y.cpuPercent()));
        g.writeNumberField("cores", y.cores());
        g.writeNumberField("memoryTotalBytes", y.memoryTotalBytes());
        g.writeNumberField("memoryAvailableBytes", y.memoryAvailableBytes());
        g.writeNumberField("loadAverage1m", round2(y.loadAverage1m()));
        g.writeEndObject();

        g.writeArrayFieldStart("gpu");
        for (ResourceSample.GpuUsage gpu : s.gpu()) {
            g.writeStartObject();
            g.writeNumberField("index", gpu.index());
            g.writeStringField("name", gpu.name());
            g.writeNumberField("memoryUsedBytes", gpu.memoryUsedBytes());
            g.writeNumberField("memoryTotalBytes", gpu.memoryTotalBytes());
            g.writeEndObject();
        }
        g.writeEndArray();

        ResourceSample.InferenceUsage i = s.inference();
        g.writeObjectFieldStart("inference");
        g.writeNumberField("requests", i.requests());
        g.writeNumberField("errors", i.errors());
        g.writeNumberField("inFlight", i.inFlight());
        g.writeNumberField("fallbacks", i.fallbacks());
        if (i.nativeArrays() != null) g.writeNumberField("nativeArrays", i.nativeArrays());
        g.writeEndObject();

        g.writeEndObject();
    }

    /** Two decimals are plenty for percentages and load; NaN (unknown) becomes 0. */
    private static double round2(double v) {
        return Double.isFinite(v) ? Math.round(v * 100.0) / 100.0 : 0.0;
    }
}
