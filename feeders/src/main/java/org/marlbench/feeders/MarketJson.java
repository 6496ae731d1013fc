package org.marlbench.feeders;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes generated matrices as compact JSON: the request body, and the feed line
 * {"id":..,"regime":..,"body":{..}}. Numbers are written as plain decimals with each column's
 * fixed decimals, so the output is compact and byte-stable.
 */
final class MarketJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private MarketJson() {
    }

    static String body(GeneratedMatrix g) {
        return write(gen -> writeBody(gen, g));
    }

    static String line(GeneratedMatrix g) {
        return write(gen -> {
            gen.writeStartObject();
            gen.writeNumberField("id", g.id());
            gen.writeStringField("regime", g.regime().label());
            gen.writeFieldName("body");
            writeBody(gen, g);
            gen.writeEndObject();
        });
    }

    /** The whole feed file: one line per matrix, each ending in '\n'. */
    static String lines(List<GeneratedMatrix> matrices) {
        StringBuilder sb = new StringBuilder();
        for (GeneratedMatrix g : matrices) {
            sb.append(line(g)).append('\n');
        }
        return sb.toString();
    }

    static void writeMatrix(JsonGenerator gen, double[][] matrix) throws IOException {
        gen.writeStartArray();
        for (double[] row : matrix) {
            gen.writeStartArray();
            for (int c = 0; c < row.length; c++) {
                gen.writeNumber(Columns.format(row[c], Columns.DECIMALS[c]));
            }
            gen.writeEndArray();
        }
        gen.writeEndArray();
    }

    private static void writeBody(JsonGenerator gen, GeneratedMatrix g) throws IOException {
        gen.writeStartObject();
        gen.writeFieldName("matrix");
        writeMatrix(gen, g.matrix());
        gen.writeStringField("synergyType", g.synergyType());
        gen.writeNumberField("direction", g.direction());
        gen.writeFieldName("confidence");
        gen.writeNumber(Columns.format(g.confidence(), 2));
        gen.writeStringField("correlationId", g.correlationId());
        gen.writeEndObject();
    }

    interface Body {
        void write(JsonGenerator gen) throws IOException;
    }

    static String write(Body body) {
        StringWriter out = new StringWriter();
        try (JsonGenerator gen = FACTORY.createGenerator(out)) {
            body.write(gen);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
