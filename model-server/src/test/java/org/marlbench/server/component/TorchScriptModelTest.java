package org.marlbench.server.component;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.marlbench.server.component.TorchScriptFixtures.COLS;
import static org.marlbench.server.component.TorchScriptFixtures.ROWS;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The imported modules run by the real engine against the Python reference outputs (make_fixtures.py). */
class TorchScriptModelTest {
    @RegisterExtension
    static final EngineRoot root = new EngineRoot();


    private static TorchScriptModel load(String folder) {
        return TorchScriptModel.load(TorchScriptFixtures.path(folder), TorchScriptFixtures.specs(), root.manager(), COLS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"trained", "scripted", "seeded"})
    void agentModulesGiveThePythonLogitsAtEveryBatchSize(String folder) {
        JsonNode expected = TorchScriptFixtures.expected(folder);
        float[][] matrices = TorchScriptFixtures.matrices(expected);
        try (TorchScriptModel model = load(folder)) {
            ScriptedAgents agents = new ScriptedAgents(model, matrices.length, COLS);
            for (int batch : new int[] {1, 2, matrices.length}) {
                float[] logits = agents.logits(matrices, batch);
                for (int a = 0; a < 3; a++) {
                    String name = StrategicComponent.AGENTS.get(a);
                    float[] mine = java.util.Arrays.copyOfRange(logits, a * batch * 3, (a + 1) * batch * 3);
                    TorchScriptFixtures.assertLogits(TorchScriptFixtures.logits(expected.get("logits").get(name), batch), mine,
                            folder + " " + name + " batch " + batch);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"trained", "scripted", "seeded"})
    void gatingModuleGivesThePythonLogitsOnTheServersContext(String folder) {
        JsonNode expected = TorchScriptFixtures.expected(folder);
        float[][] matrices = TorchScriptFixtures.matrices(expected);
        SharedContext[] contexts = new SharedContext[matrices.length];
        for (int b = 0; b < matrices.length; b++) {
            contexts[b] = SharedContext.of(matrices[b], ROWS, COLS);
            // the server's context is Python's (SPEC order), so the module sees the same input
            assertArrayEquals(TorchScriptFixtures.doubles(expected.get("contexts").get(b)), contexts[b].asVector(), 1e-9);
        }
        try (TorchScriptModel model = load(folder)) {
            float[] logits = new ScriptedGating(model, matrices.length).logits(contexts, matrices.length);
            TorchScriptFixtures.assertLogits(TorchScriptFixtures.logits(expected.get("gatingLogits"), matrices.length), logits,
                    folder + " gating");
        }
    }

    /** SPEC section 1 after the logits, on the modules' outputs, against Python's float64 decisions. */
    @ParameterizedTest
    @ValueSource(strings = {"trained", "scripted", "seeded"})
    void decisionsFromTheModulesMatchThePythonReference(String folder) {
        JsonNode expected = TorchScriptFixtures.expected(folder);
        float[][] matrices = TorchScriptFixtures.matrices(expected);
        int n = matrices.length;
        try (TorchScriptModel model = load(folder)) {
            float[] agentLogits = new ScriptedAgents(model, n, COLS).logits(matrices, n);
            SharedContext[] contexts = new SharedContext[n];
            for (int b = 0; b < n; b++) contexts[b] = SharedContext.of(matrices[b], ROWS, COLS);
            float[] gatingLogits = new ScriptedGating(model, n).logits(contexts, n);
            for (int b = 0; b < n; b++) {
                double[][] probabilities = new double[3][];
                double[] confidences = new double[3];
                for (int a = 0; a < 3; a++) {
                    probabilities[a] = Softmax.of(agentLogits, (a * n + b) * 3, 3);
                    confidences[a] = Softmax.max(probabilities[a]);
                }
                double[] gating = Gating.weightsFromLogits(gatingLogits, b * 3, contexts[b]);
                Ensemble.Result r = Ensemble.combine(probabilities, confidences, new boolean[3], gating, 0.65, 1.2);
                JsonNode d = expected.get("decisions").get(b);
                String what = folder + " decision " + b;
                assertEquals(d.get("action").asText(), r.action().name().toLowerCase(java.util.Locale.ROOT), what);
                assertEquals(d.get("confidence").asDouble(), r.confidence(), 1e-5, what);
                assertEquals(d.get("uncertainty").asDouble(), r.uncertainty(), 1e-5, what);
                assertEquals(d.get("shouldProceed").asBoolean(), r.shouldProceed(), what);
                assertEquals(d.get("regime").asText(), RegimeLabel.of(matrices[b], ROWS, COLS).name().toLowerCase(java.util.Locale.ROOT), what);
                assertArrayEquals(TorchScriptFixtures.doubles(d.get("ensembleProbabilities")), r.probabilities(), 1e-5, what);
                assertArrayEquals(TorchScriptFixtures.doubles(d.get("individualConfidences")), confidences, 1e-5, what);
                assertArrayEquals(TorchScriptFixtures.doubles(d.get("gatingWeights")), gating, 1e-5, what);
                assertArrayEquals(TorchScriptFixtures.doubles(d.get("agentContributions")), r.contributions(), 1e-5, what);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"trained", "seeded"})
    void reportsEachFileWithTheSha256PythonRecorded(String folder) throws Exception {
        JsonNode expected = TorchScriptFixtures.expected(folder);
        try (TorchScriptModel model = load(folder)) {
            List<ModelFile> files = model.files();
            assertEquals(TorchScriptFixtures.FILES, files.stream().map(ModelFile::name).toList());
            for (ModelFile f : files) {
                assertEquals(expected.get("files").get(f.name().replace(".pt", "")).asText(), f.sha256(), f.name());
                assertEquals(Files.size(f.path()), f.sizeBytes());
            }
        }
    }
}
