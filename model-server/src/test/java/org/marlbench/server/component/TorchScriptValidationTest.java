package org.marlbench.server.component;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.marlbench.server.component.TorchScriptFixtures.COLS;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken TorchScript folders fail the load with a message naming the file and the shapes it must have
 * (the trained fixture with one file replaced or removed).
 */
class TorchScriptValidationTest {
    private static final String MLMI_CONTRACT = "takes float32 [batch, 192] (columns [0, 1, 9, 10] of all 48 rows";
    private static final String GATING_CONTRACT = "takes float32 [batch, 6] (the shared context";
    @RegisterExtension
    static final EngineRoot root = new EngineRoot();

    @TempDir
    Path tmp;


    private Path trainedWith(String file, Path replacement) throws Exception {
        Path dir = TorchScriptFixtures.copy("trained", tmp.resolve("model"));
        Files.copy(replacement, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        return dir;
    }

    private static String failure(Path dir) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TorchScriptModel.load(dir, TorchScriptFixtures.specs(), root.manager(), COLS).close());
        return e.getMessage();
    }

    private static void assertMentions(String message, String... parts) {
        for (String p : parts) assertTrue(message.contains(p), "expected '" + p + "' in:\n" + message);
    }

    @Test
    void missingFilesAreAllNamedWithTheirShapes() throws Exception {
        Path dir = TorchScriptFixtures.copy("trained", tmp.resolve("model"));
        Files.delete(dir.resolve("mlmi.pt"));
        Files.delete(dir.resolve("gating.pt"));
        String m = failure(dir);
        assertMentions(m, dir.resolve("mlmi.pt") + " is missing", dir.resolve("gating.pt") + " is missing",
                MLMI_CONTRACT, GATING_CONTRACT, "returns float32 [batch, 3]");
    }

    @Test
    void aFolderThatIsNotThereIsNamedWithTheKey() {
        Path dir = tmp.resolve("nowhere");
        assertMentions(failure(dir), "model.torchscript.dir=" + dir + " is not a directory", "mlmi.pt", "gating.pt");
    }

    @Test
    void aFileThatIsNotAnArchiveIsNotTorchScript() throws Exception {
        Path text = Files.writeString(tmp.resolve("notes.txt"), "weights live elsewhere\n", StandardCharsets.UTF_8);
        Path dir = trainedWith("nwrqk.pt", text);
        assertMentions(failure(dir), dir.resolve("nwrqk.pt") + " is not a TorchScript module", "not a zip archive",
                "takes float32 [batch, 192] (columns [2, 3, 4, 5]");
    }

    @Test
    void aStateDictCopiedInsteadOfExportedSaysSo() throws Exception {
        Path dir = trainedWith("mlmi.pt", TorchScriptFixtures.path("bad/mlmi-state-dict.pth"));
        assertMentions(failure(dir), dir.resolve("mlmi.pt") + " is not a TorchScript module", ".pth state dict",
                "torch.jit.script", MLMI_CONTRACT);
    }

    @Test
    void aTruncatedModuleIsNotTorchScript() throws Exception {
        byte[] whole = Files.readAllBytes(TorchScriptFixtures.path("trained/regime.pt"));
        Path cut = Files.write(tmp.resolve("cut.pt"), Arrays.copyOf(whole, whole.length / 2));
        Path dir = trainedWith("regime.pt", cut);
        assertMentions(failure(dir), dir.resolve("regime.pt") + " is not a TorchScript module",
                "takes float32 [batch, 144] (columns [10, 11, 12]");
    }

    @Test
    void aWrongInputWidthFailsTheTrialForward() throws Exception {
        Path dir = trainedWith("mlmi.pt", TorchScriptFixtures.path("bad/mlmi-input-100.pt"));
        assertMentions(failure(dir), dir.resolve("mlmi.pt") + ": a trial forward on float32 [4, 192] failed",
                "mat1 and mat2 shapes cannot be multiplied", MLMI_CONTRACT);
    }

    @Test
    void aWrongOutputWidthIsNamedWithTheShapeReturned() throws Exception {
        Path dir = trainedWith("mlmi.pt", TorchScriptFixtures.path("bad/mlmi-output-4.pt"));
        assertMentions(failure(dir), dir.resolve("mlmi.pt") + ": mlmi.pt returned shape (4, 4) for input [4, 192], not [4, 3]",
                MLMI_CONTRACT);
    }

    @Test
    void aTupleOutputIsNotATensor() throws Exception {
        Path dir = trainedWith("mlmi.pt", TorchScriptFixtures.path("bad/mlmi-tuple.pt"));
        assertMentions(failure(dir), "mlmi.pt returned (Tensor, Tensor), not a tensor", MLMI_CONTRACT);
    }

    @Test
    void aFloat64OutputIsRefused() throws Exception {
        Path dir = trainedWith("mlmi.pt", TorchScriptFixtures.path("bad/mlmi-float64.pt"));
        assertMentions(failure(dir), "mlmi.pt returned float64, not float32", MLMI_CONTRACT);
    }

    @Test
    void outputsThatMixTheRowsOfABatchAreRefused() throws Exception {
        Path dir = trainedWith("mlmi.pt", TorchScriptFixtures.path("bad/mlmi-batch-mixing.pt"));
        assertMentions(failure(dir), dir.resolve("mlmi.pt") + ": row 0 of a batch of 4", "depends on the other rows", MLMI_CONTRACT);
    }

    @Test
    void aGatingWithTheWrongInputWidthNamesTheContext() throws Exception {
        Path dir = trainedWith("gating.pt", TorchScriptFixtures.path("bad/gating-input-5.pt"));
        assertMentions(failure(dir), dir.resolve("gating.pt") + ": a trial forward on float32 [4, 6] failed", GATING_CONTRACT,
                "volatility_30, volume_ratio, momentum_20, momentum_50, mmd_score, price_trend");
    }
}
