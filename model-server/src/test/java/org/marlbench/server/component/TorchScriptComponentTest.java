package org.marlbench.server.component;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.marlbench.server.component.TorchScriptFixtures.COLS;
import static org.marlbench.server.component.TorchScriptFixtures.ROWS;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.marlbench.server.Settings;

/**
 * The whole component on model.source=torchscript, real engine, through decide() and the micro-batcher:
 * the decisions of SPEC section 1 computed by Python on the fixtures, however the files end up running.
 */
class TorchScriptComponentTest {
    /** Budgets no busy machine reaches: these tests compare exact decisions, a preemption must not become a fallback. */
    private static final Map<String, String> GENEROUS = Map.of("model.budget.agentMs", "60000", "model.budget.totalMs", "60000");

    @TempDir
    Path tmp;

    private static StrategicComponent create(Path dir, Map<String, String> overrides) {
        Map<String, String> all = new HashMap<>(GENEROUS);
        all.put("model.source", "torchscript");
        all.put("model.torchscript.dir", dir.toString());
        all.putAll(overrides);
        return StrategicComponent.create(Settings.of(all));
    }

    @ParameterizedTest(name = "{0}, stack={1}: agents {2}, gating {3}")
    @CsvSource({
            "trained,  true,  stacked, java",
            "trained,  false, modules, module",
            "scripted, true,  modules, module",
            "seeded,   true,  stacked, java",
            "seeded,   false, modules, module"})
    void decisionsMatchThePythonReference(String folder, boolean stack, String agentsRunAs, String gatingRunsAs) {
        JsonNode expected = TorchScriptFixtures.expected(folder);
        float[][] matrices = TorchScriptFixtures.matrices(expected);
        try (StrategicComponent c = create(TorchScriptFixtures.path(folder), Map.of("model.torchscript.stack", String.valueOf(stack)))) {
            ModelInfo info = c.model();
            assertEquals(ModelSource.TORCHSCRIPT, info.source());
            assertEquals(agentsRunAs, info.agentsRunAs());
            assertEquals(gatingRunsAs, info.gatingRunsAs());
            assertNull(info.seed());
            assertEquals(TorchScriptFixtures.FILES, info.files().stream().map(ModelFile::name).toList());
            for (ModelFile f : info.files()) {
                assertEquals(expected.get("files").get(f.name().replace(".pt", "")).asText(), f.sha256(), f.name());
            }
            for (int i = 0; i < matrices.length; i++) {
                TorchScriptFixtures.assertDecision(expected.get("decisions").get(i), c.decide(matrices[i]), folder + " decision " + i);
            }
        }
    }

    /** The seeded model exported and imported decides like the seeded source, whichever way the files run. */
    @ParameterizedTest
    @CsvSource({"true", "false"})
    void theExportedSeededModelDecidesAsTheSeededSource(boolean stack) {
        try (StrategicComponent seeded = StrategicComponent.create(Settings.of(GENEROUS));
             StrategicComponent imported = create(TorchScriptFixtures.path("seeded"), Map.of("model.torchscript.stack", String.valueOf(stack)))) {
            assertEquals(seeded.parameterCount(), imported.parameterCount());
            for (int i = 0; i < 12; i++) {
                float[] m = MarketMatrices.generate(300 + i, ROWS, COLS);
                Decision a = seeded.decide(m);
                Decision b = imported.decide(m);
                assertEquals(a.action(), b.action());
                assertEquals(a.confidence(), b.confidence(), 1e-5);
                assertArrayEquals(a.ensembleProbabilities(), b.ensembleProbabilities(), 1e-5);
                assertArrayEquals(a.gatingWeights(), b.gatingWeights(), 1e-5);
                assertArrayEquals(a.individualConfidences(), b.individualConfidences(), 1e-5);
            }
        }
    }

    /**
     * Concurrent callers share forward passes; with gating.pt run as a module each request must get its
     * own row of the batch's gating logits (and of the agents'): every decision is its matrix's.
     */
    @Test
    void batchedRequestsGetTheirOwnAgentAndGatingLogits() throws Exception {
        JsonNode expected = TorchScriptFixtures.expected("scripted");
        float[][] matrices = TorchScriptFixtures.matrices(expected);
        try (StrategicComponent c = create(TorchScriptFixtures.path("scripted"), Map.of("model.engine.runners", "1"))) {
            assertEquals(ModelInfo.MODULE, c.model().gatingRunsAs());
            int threads = 6;
            int perThread = 70;
            long batchesBefore = c.batchCount();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int offset = t;
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < perThread; i++) {
                            int k = (offset + i) % matrices.length;
                            TorchScriptFixtures.assertDecision(expected.get("decisions").get(k), c.decide(matrices[k]), "matrix " + k);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) f.get();
            } finally {
                pool.shutdown();
            }
            long batches = c.batchCount() - batchesBefore;
            assertTrue(batches < threads * perThread, "callers on one lane share passes: " + batches + " passes");
        }
    }

    /** gating.pt is part of the pass: when the pass fails every agent falls back, and the context biases alone gate. */
    @Test
    void aFailedPassWithAGatingModuleFallsBackOnTheContextBiases() {
        float[] m = MarketMatrices.generate(77, ROWS, COLS);
        try (StrategicComponent c = create(TorchScriptFixtures.path("scripted"), Map.of())) {
            c.faults.throwInForward = true;
            Decision d = c.decide(m);
            assertEquals(StrategicComponent.AGENTS, d.fallbackAgents());
            assertTrue(d.reasoning().contains("engine error"), d.reasoning());
            double[] contextOnly = Gating.weightsFromLogits(new float[3], 0, SharedContext.of(m, ROWS, COLS));
            assertArrayEquals(contextOnly, d.gatingWeights(), 1e-12);
            assertArrayEquals(new double[] {0.33, 0.34, 0.33}, d.ensembleProbabilities(), 1e-12);
            c.faults.throwInForward = false;
            assertEquals(List.of(), c.decide(m).fallbackAgents(), "the next pass runs normally");
        }
    }

    @Test
    void modulesHaveNoSeedAndNoParametersFile() {
        try (StrategicComponent c = create(TorchScriptFixtures.path("scripted"), Map.of())) {
            assertEquals("model.source=torchscript has no seed", assertThrows(IllegalStateException.class, c::seed).getMessage());
            assertThrows(IllegalStateException.class, () -> c.saveParameters(tmp.resolve("p.bin")));
            assertTrue(c.parameterCount() > 0, "the files' own parameters are counted");
        }
    }

    @Test
    void aBadFileFailsCreateNamingItAndTheShapesItMustHave() throws Exception {
        Path dir = TorchScriptFixtures.copy("trained", tmp.resolve("model"));
        Files.copy(TorchScriptFixtures.path("bad/mlmi-input-100.pt"), dir.resolve("mlmi.pt"), StandardCopyOption.REPLACE_EXISTING);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> create(dir, Map.of()).close());
        assertTrue(e.getMessage().startsWith(dir.resolve("mlmi.pt") + ": a trial forward on float32 [4, 192] failed"), e.getMessage());
        assertTrue(e.getMessage().contains("takes float32 [batch, 192] (columns [0, 1, 9, 10] of all 48 rows"), e.getMessage());
    }
}
