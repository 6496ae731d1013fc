package org.marlbench.server.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import ai.djl.engine.Engine;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.marlbench.server.Settings;

/**
 * The TorchScript fixtures of src/test/resources/torchscript (made by make_fixtures.py there) and the
 * Python reference outputs recorded beside them in expected.json.
 */
final class TorchScriptFixtures {
    static final int ROWS = 48;
    static final int COLS = 13;
    static final List<String> FILES = List.of("mlmi.pt", "nwrqk.pt", "regime.pt", "gating.pt");

    private TorchScriptFixtures() {
    }

    static Engine engine() {
        return NativeEngine.load(1);
    }

    static List<AgentSpec> specs() {
        return AgentSpec.fromSettings(Settings.of(Map.of()));
    }

    /** A fixture folder or file, e.g. "trained" or "bad/mlmi-tuple.pt". */
    static Path path(String name) {
        try {
            return Path.of(TorchScriptFixtures.class.getResource("/torchscript/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("fixture " + name + " missing from the test classpath", e);
        }
    }

    /** A writable copy of a fixture folder, to break one file of it. */
    static Path copy(String folder, Path target) {
        try (Stream<Path> files = Files.list(path(folder))) {
            Files.createDirectories(target);
            for (Path f : files.toList()) Files.copy(f, target.resolve(f.getFileName()));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode expected(String folder) {
        try {
            return new ObjectMapper().readTree(path(folder).resolve("expected.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static float[][] matrices(JsonNode expected) {
        JsonNode ms = expected.get("matrices");
        float[][] out = new float[ms.size()][];
        for (int i = 0; i < out.length; i++) out[i] = floats(ms.get(i));
        return out;
    }

    static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = (float) array.get(i).asDouble();
        return out;
    }

    static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = array.get(i).asDouble();
        return out;
    }

    /** Python's logits of one module for requests [0, batch): rows of 3, concatenated. */
    static float[] logits(JsonNode rowsOf3, int batch) {
        float[] out = new float[batch * 3];
        for (int b = 0; b < batch; b++) {
            for (int k = 0; k < 3; k++) out[b * 3 + k] = (float) rowsOf3.get(b).get(k).asDouble();
        }
        return out;
    }

    /**
     * Logits agree to 1e-5 of the row's scale: |actual - expected| <= 1e-5 x max(1, largest |expected| of
     * the row). Absolute 1e-5 for the trained-like fixtures (logits of a few units); relative for the
     * seeded one, whose nwrqk logits reach ~200 (float32 carries ~7 digits).
     */
    static void assertLogits(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        double worst = 0;
        for (int row = 0; row < expected.length; row += 3) {
            double scale = Math.max(1, Math.max(Math.abs(expected[row]), Math.max(Math.abs(expected[row + 1]), Math.abs(expected[row + 2]))));
            for (int k = 0; k < 3; k++) worst = Math.max(worst, Math.abs((double) actual[row + k] - expected[row + k]) / scale);
        }
        if (!(worst <= 1e-5)) {
            fail(what + ": differs by " + worst + " (relative to the row's scale)\nexpected " + java.util.Arrays.toString(expected)
                    + "\nactual   " + java.util.Arrays.toString(actual));
        }
    }

    /** The component's decision against Python's float64 one (expected.json "decisions"), to 1e-5. */
    static void assertDecision(JsonNode d, Decision actual, String what) {
        assertEquals(d.get("action").asText(), actual.action().name().toLowerCase(java.util.Locale.ROOT), what);
        assertEquals(d.get("confidence").asDouble(), actual.confidence(), 1e-5, what);
        assertEquals(d.get("uncertainty").asDouble(), actual.uncertainty(), 1e-5, what);
        assertEquals(d.get("shouldProceed").asBoolean(), actual.shouldProceed(), what);
        assertEquals(d.get("regime").asText(), actual.regime().name().toLowerCase(java.util.Locale.ROOT), what);
        org.junit.jupiter.api.Assertions.assertArrayEquals(doubles(d.get("ensembleProbabilities")), actual.ensembleProbabilities(), 1e-5, what);
        org.junit.jupiter.api.Assertions.assertArrayEquals(doubles(d.get("individualConfidences")), actual.individualConfidences(), 1e-5, what);
        org.junit.jupiter.api.Assertions.assertArrayEquals(doubles(d.get("gatingWeights")), actual.gatingWeights(), 1e-5, what);
        org.junit.jupiter.api.Assertions.assertArrayEquals(doubles(d.get("agentContributions")), actual.agentContributions(), 1e-5, what);
        assertEquals(List.of(), actual.fallbackAgents(), what);
    }
}
