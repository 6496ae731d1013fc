package org.marlbench.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main on model.source=torchscript: a bad folder is exit code 2 with the file and its shapes, never a server that 500s. */
class ModelServerMainTorchScriptTest {

    @Test
    void torchscriptWithoutAFolderIsOneLineAndExitCode2(@TempDir Path dir) throws Exception {
        Process p = ModelServerMainTest.java(dir, "-Dserver.port=0", "-Dmodel.source=torchscript").start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue());
        assertEquals("", stdout, "nothing is bound");
        assertEquals(List.of("model-server: configuration error: model.source=torchscript needs model.torchscript.dir:"
                + " the folder holding mlmi.pt, nwrqk.pt, regime.pt, gating.pt"), Files.readAllLines(dir.resolve("stderr.txt")));
    }

    /** The trial forward fails after the server bound: the main says why and exits 2 instead of serving 503s. */
    @Test
    void aModuleOfTheWrongShapeIsExitCode2NamingTheFileAndTheShapes(@TempDir Path dir) throws Exception {
        Path model = Files.createDirectories(dir.resolve("model"));
        try (Stream<Path> files = Files.list(fixture("trained"))) {
            for (Path f : files.toList()) Files.copy(f, model.resolve(f.getFileName()));
        }
        Files.copy(fixture("bad/gating-input-5.pt"), model.resolve("gating.pt"), StandardCopyOption.REPLACE_EXISTING);
        Process p = ModelServerMainTest.java(dir, "-Dserver.port=0", "-Dmodel.source=torchscript",
                "-Dmodel.torchscript.dir=" + model).start();
        try {
            p.getInputStream().readAllBytes(); // the URL line, if it bound before the check failed
            assertTrue(p.waitFor(180, TimeUnit.SECONDS), "exits by itself");
            assertEquals(2, p.exitValue());
            String err = Files.readString(dir.resolve("stderr.txt"));
            String line = err.lines().filter(l -> l.startsWith("model-server: ")).findFirst().orElse("");
            assertTrue(line.startsWith("model-server: configuration error: " + model.resolve("gating.pt")
                    + ": a trial forward on float32 [4, 6] failed"), err);
            assertTrue(line.contains("takes float32 [batch, 6] (the shared context: volatility_30, volume_ratio, momentum_20,"
                    + " momentum_50, mmd_score, price_trend) and returns float32 [batch, 3]"), line);
        } finally {
            p.destroyForcibly();
        }
    }

    private static Path fixture(String name) throws Exception {
        return Path.of(ModelServerMainTorchScriptTest.class.getResource("/torchscript/" + name).toURI());
    }
}
