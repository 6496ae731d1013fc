package org.marlbench.bench.files;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one ObjectMapper of the benchmark: results files are records bound by Jackson, written
 * pretty and atomically, read with their schema version checked first. Unknown fields are
 * ignored on read, so the sidecar of an outside server may send more than SPEC asks for.
 */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Json() {
    }

    /** Pretty JSON plus a final newline, replacing the file atomically. */
    public static void write(Path file, Object value) throws IOException {
        AtomicFiles.write(file, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value) + "\n");
    }

    /** One line of JSON (history files). */
    public static String line(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a results file whose {@code schemaVersion} must be one of {@code accepted}; any problem
     * (unreadable, not JSON, other version, a field of the wrong type) names the file.
     */
    public static <T> T readVersioned(Path file, Class<T> type, int... accepted) throws ResultsFileException {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ResultsFileException(file, "unreadable or not valid JSON (" + firstLine(e) + ")", e);
        }
        return bindVersioned(file, tree, type, accepted);
    }

    /** {@link #readVersioned} for a tree already parsed (one line of a history file, say). */
    public static <T> T bindVersioned(Path file, JsonNode tree, Class<T> type, int... accepted) throws ResultsFileException {
        if (tree == null || !tree.isObject()) {
            throw new ResultsFileException(file, "not a JSON object (empty or wrong file?)");
        }
        JsonNode version = tree.path("schemaVersion");
        int found = version.isInt() ? version.asInt() : -1;
        boolean ok = false;
        for (int v : accepted) ok |= v == found;
        if (!ok) {
            throw new ResultsFileException(file, "schemaVersion " + (found < 0 ? "missing" : found) + ", this build reads "
                    + java.util.Arrays.toString(accepted) + " (written by another version of the benchmark? re-run or re-record it)");
        }
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (IOException | IllegalArgumentException e) {
            throw new ResultsFileException(file, "does not have the shape of a " + type.getSimpleName() + " (" + firstLine(e) + ")", e);
        }
    }

    static String firstLine(Exception e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse("");
    }
}
