package org.marlbench.feeders;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the committed market feed from the classpath (/feeders/market-matrices.jsonl, packaged
 * from feeders/data/). Each body is kept as the exact compact text of the file, so a load test
 * POSTs it as-is with no per-request serialisation. Every line is validated on load.
 */
public final class MarketFeed {
    public static final String RESOURCE = "/feeders/market-matrices.jsonl";
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static volatile List<MarketRecord> cached;

    private MarketFeed() {
    }

    /** The feed, in file order (ids 0..n-1). Immutable; loaded once per class loader. */
    public static List<MarketRecord> load() {
        List<MarketRecord> records = cached;
        if (records == null) {
            records = load(RESOURCE);
            cached = records;
        }
        return records;
    }

    /** Loads a feed from another classpath resource in the same format. */
    public static List<MarketRecord> load(String resource) {
        try (InputStream in = MarketFeed.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("feed resource not on the classpath: " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<MarketRecord> out = new ArrayList<>();
            String line;
            int lineNo = 0;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                out.add(parseLine(line, resource + ":" + lineNo));
            }
            if (out.isEmpty()) {
                throw new IllegalStateException("feed resource is empty: " + resource);
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    static MarketRecord parseLine(String line, String where) throws IOException {
        Integer id = null;
        String regime = null;
        String body = null;
        try (JsonParser p = FACTORY.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalStateException(where + ": line is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "id" -> id = p.getIntValue();
                    case "regime" -> regime = p.getText();
                    case "body" -> {
                        if (value != JsonToken.START_OBJECT) {
                            throw new IllegalStateException(where + ": body is not an object");
                        }
                        int start = (int) p.currentTokenLocation().getCharOffset();
                        p.skipChildren();
                        int end = (int) p.currentLocation().getCharOffset();
                        body = line.substring(start, end);
                    }
                    default -> p.skipChildren();
                }
            }
        }
        if (id == null || regime == null || body == null) {
            throw new IllegalStateException(where + ": needs id, regime and body");
        }
        Regime.ofLabel(regime);
        checkMatrix(MAPPER.readTree(body), where);
        return new MarketRecord(id, regime, body);
    }

    private static void checkMatrix(JsonNode body, String where) {
        JsonNode matrix = body.get("matrix");
        if (matrix == null || !matrix.isArray() || matrix.size() != Indicators.ROWS) {
            throw new IllegalStateException(where + ": body.matrix must have " + Indicators.ROWS + " rows");
        }
        for (JsonNode row : matrix) {
            if (!row.isArray() || row.size() != Indicators.COLS) {
                throw new IllegalStateException(where + ": every row must have " + Indicators.COLS + " numbers");
            }
            for (JsonNode v : row) {
                if (!v.isNumber()) {
                    throw new IllegalStateException(where + ": non-number in matrix: " + v);
                }
            }
        }
    }
}
