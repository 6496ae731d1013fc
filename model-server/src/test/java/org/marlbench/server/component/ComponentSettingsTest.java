package org.marlbench.server.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.marlbench.server.Settings;

/** model.source and model.torchscript.*: read once, a bad combination named before anything is built. */
class ComponentSettingsTest {

    private static String failure(Map<String, String> overrides) {
        return assertThrows(IllegalArgumentException.class, () -> ComponentSettings.from(Settings.of(overrides))).getMessage();
    }

    @Test
    void seededIsTheDefaultAndHasNoFolder() {
        ComponentSettings s = ComponentSettings.from(Settings.of(Map.of()));
        assertEquals(ModelSource.SEEDED, s.source());
        assertNull(s.torchscriptDir());
        assertTrue(s.torchscriptStack());
    }

    @Test
    void torchscriptTakesTheFolderAsAnAbsolutePath() {
        ComponentSettings s = ComponentSettings.from(Settings.of(Map.of("model.source", "TorchScript",
                "model.torchscript.dir", "some/model/../model", "model.torchscript.stack", "false")));
        assertEquals(ModelSource.TORCHSCRIPT, s.source());
        assertEquals(Path.of("some/model").toAbsolutePath(), s.torchscriptDir());
        assertFalse(s.torchscriptStack());
    }

    @Test
    void anUnknownSourceNamesTheKeyAndTheValues() {
        assertEquals("model.source must be seeded or torchscript, got 'onnx'", failure(Map.of("model.source", "onnx")));
    }

    @Test
    void torchscriptWithoutAFolderSaysWhichFilesItNeeds() {
        assertEquals("model.source=torchscript needs model.torchscript.dir: the folder holding mlmi.pt, nwrqk.pt, regime.pt, gating.pt",
                failure(Map.of("model.source", "torchscript")));
    }

    @Test
    void aFolderWithTheSeededSourceIsAMistake() {
        String m = failure(Map.of("model.torchscript.dir", "/models/v3"));
        assertTrue(m.startsWith("model.torchscript.dir is set but model.source=seeded ignores it"), m);
    }

    @Test
    void aParametersFileWithTorchscriptIsAMistake() {
        String m = failure(Map.of("model.source", "torchscript", "model.torchscript.dir", "/models/v3",
                "model.parametersFile", "/tmp/p.bin"));
        assertTrue(m.startsWith("model.parametersFile applies to model.source=seeded only"), m);
    }

    @Test
    void theStackFlagIsABoolean() {
        assertEquals("model.torchscript.stack must be true or false, got 'maybe'",
                failure(Map.of("model.source", "torchscript", "model.torchscript.dir", "/m", "model.torchscript.stack", "maybe")));
    }
}
