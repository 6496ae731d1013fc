package org.marlbench.server.component;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.marlbench.server.component.TorchScriptFixtures.COLS;
import static org.marlbench.server.component.TorchScriptFixtures.ROWS;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Plain Linear/ReLU modules copied into the seeded path's stacked network, and the proof that guards it. */
class StackedImportTest {
    @RegisterExtension
    static final EngineRoot root = new EngineRoot();

    @TempDir
    Path tmp;


    private static StackedImport.Result importFrom(Path dir) {
        try (TorchScriptModel model = TorchScriptModel.load(dir, TorchScriptFixtures.specs(), root.manager(), COLS)) {
            return StackedImport.of(model, root.manager(), COLS);
        }
    }

    @Test
    void trainedAgentsRunStackedAndGiveThePythonLogits() {
        JsonNode expected = TorchScriptFixtures.expected("trained");
        float[][] matrices = TorchScriptFixtures.matrices(expected);
        StackedImport.Result r = importFrom(TorchScriptFixtures.path("trained"));
        assertNotNull(r.parameters(), r.agentsNote());
        assertTrue(r.agentsNote().contains("mlmi [32, 16, 8], nwrqk [24, 16, 8], regime [16, 12, 8]"), r.agentsNote());
        try (StackedForward.Weights w = new StackedForward.Weights(root.manager(), r.parameters())) {
            StackedForward forward = new StackedForward(w, root.manager(), matrices.length, ROWS, COLS);
            for (int batch : new int[] {1, matrices.length}) {
                float[] logits = forward.logits(matrices, batch);
                for (int a = 0; a < 3; a++) {
                    String name = StrategicComponent.AGENTS.get(a);
                    float[] mine = java.util.Arrays.copyOfRange(logits, a * batch * 3, (a + 1) * batch * 3);
                    TorchScriptFixtures.assertLogits(TorchScriptFixtures.logits(expected.get("logits").get(name), batch), mine,
                            "stacked " + name + " batch " + batch);
                }
            }
        }
    }

    @Test
    void aPlainLinearGatingRunsInJavaAndGivesThePythonWeights() {
        JsonNode expected = TorchScriptFixtures.expected("trained");
        float[][] matrices = TorchScriptFixtures.matrices(expected);
        StackedImport.Result r = importFrom(TorchScriptFixtures.path("trained"));
        assertNotNull(r.gating(), r.gatingNote());
        for (int b = 0; b < matrices.length; b++) {
            double[] weights = r.gating().weights(SharedContext.of(matrices[b], ROWS, COLS));
            assertArrayEquals(TorchScriptFixtures.doubles(expected.get("decisions").get(b).get("gatingWeights")), weights, 1e-5);
        }
    }

    /** The export round trip is exact: the seeded fixture's parameters are the seeded model's, bit for bit. */
    @Test
    void theSeededExportReadsBackAsTheSeededParameters() {
        StackedImport.Result r = importFrom(TorchScriptFixtures.path("seeded"));
        assertNotNull(r.parameters(), r.agentsNote());
        assertNotNull(r.gating(), r.gatingNote());
        Parameters seeded = Parameters.initialise(TorchScriptFixtures.specs(), 42);
        Parameters imported = r.parameters();
        for (int a = 0; a < 3; a++) {
            assertArrayEquals(seeded.specs.get(a).layerWidths(), imported.specs.get(a).layerWidths());
            assertArrayEquals(seeded.specs.get(a).columns(), imported.specs.get(a).columns());
            for (int l = 0; l < seeded.weights[a].length; l++) {
                assertArrayEquals(seeded.weights[a][l], imported.weights[a][l], 0f, "agent " + a + " layer " + l);
                assertArrayEquals(seeded.biases[a][l], imported.biases[a][l], 0f, "agent " + a + " layer " + l);
            }
        }
        assertArrayEquals(seeded.gatingWeight, imported.gatingWeight, 0f);
        assertArrayEquals(seeded.gatingBias, imported.gatingBias, 0f);
        assertEquals(seeded.count(), imported.count());
    }

    @Test
    void modulesThatAreNotPlainStacksRunAsModules() {
        StackedImport.Result r = importFrom(TorchScriptFixtures.path("scripted"));
        assertNull(r.parameters());
        assertTrue(r.agentsNote().contains("mlmi.pt: parameter 'norm.weight' of shape [16] is not a Linear weight"), r.agentsNote());
        assertNull(r.gating());
        assertTrue(r.gatingNote().contains("it has 2 layers, not 1"), r.gatingNote());
    }

    /** tanh between Linear layers has the parameters of a ReLU stack: only the trial forward catches it. */
    @Test
    void theProofCatchesAnActivationThatIsNotReLU() throws Exception {
        Path dir = TorchScriptFixtures.copy("trained", tmp.resolve("model"));
        Files.copy(TorchScriptFixtures.path("scripted/nwrqk.pt"), dir.resolve("nwrqk.pt"), StandardCopyOption.REPLACE_EXISTING);
        StackedImport.Result r = importFrom(dir);
        assertNull(r.parameters());
        assertTrue(r.agentsNote().contains("the stacked copy differs by"), r.agentsNote());
        assertTrue(r.agentsNote().contains("not a plain Linear/ReLU stack"), r.agentsNote());
        assertNotNull(r.gating(), "the gating is still plain");
    }

    @Test
    void aFrozenModuleHasNoParametersToRead() throws Exception {
        Path dir = TorchScriptFixtures.copy("trained", tmp.resolve("model"));
        Files.copy(TorchScriptFixtures.path("scripted/regime.pt"), dir.resolve("regime.pt"), StandardCopyOption.REPLACE_EXISTING);
        StackedImport.Result r = importFrom(dir);
        assertNull(r.parameters());
        assertTrue(r.agentsNote().contains("regime.pt: it has no parameters (a frozen module"), r.agentsNote());
    }
}
