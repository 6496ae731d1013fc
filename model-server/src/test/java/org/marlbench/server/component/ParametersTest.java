package org.marlbench.server.component;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marlbench.server.Settings;

class ParametersTest {
    private static final List<AgentSpec> SPECS = AgentSpec.fromSettings(Settings.of(java.util.Map.of()));

    @TempDir
    Path dir;

    @Test
    void shapesFollowTheSettings() {
        assertEquals(192, SPECS.get(0).inputWidth());
        assertEquals(192, SPECS.get(1).inputWidth());
        assertEquals(144, SPECS.get(2).inputWidth());
        assertArrayEquals(new int[] {144, 256, 128, 64, 3}, SPECS.get(2).layerWidths());
        // per agent: in*256+256 + 256*128+128 + 128*64+64 + 64*3+3; gating 6*3+3
        long mlmi = 192 * 256 + 256 + 256 * 128 + 128 + 128 * 64 + 64 + 64 * 3 + 3;
        long regime = 144 * 256 + 256 + 256 * 128 + 128 + 128 * 64 + 64 + 64 * 3 + 3;
        assertEquals(2 * mlmi + regime + 21, Parameters.initialise(SPECS, 42).count());
    }

    @Test
    void xavierBoundsUseTheRealFanInZeroBiasesAndHoldBias() {
        Parameters p = Parameters.initialise(SPECS, 42);
        for (int a = 0; a < 3; a++) {
            int[] w = SPECS.get(a).layerWidths();
            for (int l = 0; l < w.length - 1; l++) {
                double bound = 0.5 * Math.sqrt(6.0 / (w[l] + w[l + 1]));
                double maxAbs = 0;
                for (float v : p.weights[a][l]) maxAbs = Math.max(maxAbs, Math.abs(v));
                assertTrue(maxAbs <= bound, "agent " + a + " layer " + l + " within bound");
                assertTrue(maxAbs > 0.9 * bound, "agent " + a + " layer " + l + " spans the bound");
                float[] b = p.biases[a][l];
                for (int o = 0; o < b.length; o++) {
                    float expected = l == w.length - 2 && o == Action.HOLD.ordinal() ? 0.1f : 0f;
                    assertEquals(expected, b[o], 0);
                }
            }
        }
        // regime's first layer: fan_in 144 gives a wider bound than 192 would
        double regimeBound = 0.5 * Math.sqrt(6.0 / (144 + 256));
        double maxAbs = 0;
        for (float v : p.weights[2][0]) maxAbs = Math.max(maxAbs, Math.abs(v));
        assertTrue(maxAbs > 0.5 * Math.sqrt(6.0 / (192 + 256)), "uses fan_in 144, not the padded 192");
        assertTrue(maxAbs <= regimeBound);
        double gatingBound = 0.5 * Math.sqrt(6.0 / 9);
        for (float v : p.gatingWeight) assertTrue(Math.abs(v) <= gatingBound);
        assertArrayEquals(new float[3], p.gatingBias);
    }

    @Test
    void sameSeedSameNumbersOtherSeedOtherNumbers() {
        Parameters a = Parameters.initialise(SPECS, 42);
        Parameters b = Parameters.initialise(SPECS, 42);
        Parameters c = Parameters.initialise(SPECS, 43);
        assertArrayEquals(a.weights[1][2], b.weights[1][2]);
        assertArrayEquals(a.gatingWeight, b.gatingWeight);
        assertFalse(Arrays.equals(a.weights[1][2], c.weights[1][2]));
    }

    @Test
    void saveThenLoadRoundTrips() {
        Parameters a = Parameters.initialise(SPECS, 7);
        Path file = dir.resolve("p.bin");
        a.save(file);
        Parameters b = Parameters.load(file, SPECS);
        assertEquals(7, b.seed);
        for (int agent = 0; agent < 3; agent++) {
            for (int l = 0; l < 4; l++) {
                assertArrayEquals(a.weights[agent][l], b.weights[agent][l]);
                assertArrayEquals(a.biases[agent][l], b.biases[agent][l]);
            }
        }
        assertArrayEquals(a.gatingWeight, b.gatingWeight);
    }

    @Test
    void flippedByteIsAClearError() throws Exception {
        Path file = dir.resolve("p.bin");
        Parameters.initialise(SPECS, 7).save(file);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(file, bytes);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Parameters.load(file, SPECS));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }

    @Test
    void truncatedFileIsAClearError() throws Exception {
        Path file = dir.resolve("p.bin");
        Parameters.initialise(SPECS, 7).save(file);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 1000));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Parameters.load(file, SPECS));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void notAParametersFile() throws Exception {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "hello, this is not a model");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Parameters.load(file, SPECS));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("magic"), e.getMessage());
    }

    @Test
    void missingFileIsAClearError() {
        Path file = dir.resolve("absent.bin");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Parameters.load(file, SPECS));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void fileOfAnotherShapeIsRejected() {
        Path file = dir.resolve("p.bin");
        Parameters.initialise(SPECS, 7).save(file);
        List<AgentSpec> wider = AgentSpec.fromSettings(Settings.of(java.util.Map.of(
                "model.agent.mlmi.hidden", "128,128,64", "model.agent.nwrqk.hidden", "128,128,64",
                "model.agent.regime.hidden", "128,128,64")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Parameters.load(file, wider));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("layer 0"), e.getMessage());
    }

    /** Regression: a file saved for other columns of the same width was loaded silently. */
    @Test
    void fileForOtherColumnSlicesIsRejected() {
        Path file = dir.resolve("p.bin");
        Parameters.initialise(SPECS, 42).save(file);
        List<AgentSpec> other = AgentSpec.fromSettings(Settings.of(java.util.Map.of("model.agent.mlmi.columns", "0,1,2,3")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Parameters.load(file, other));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("[0, 1, 9, 10]")
                && e.getMessage().contains("model.agent.mlmi.columns=[0, 1, 2, 3]"), e.getMessage());
        List<AgentSpec> wider = AgentSpec.fromSettings(Settings.of(java.util.Map.of("model.agent.regime.hidden", "256,128,32")));
        e = assertThrows(IllegalArgumentException.class, () -> Parameters.load(file, wider));
        assertTrue(e.getMessage().contains("agent regime layer 2 is 128x64"), e.getMessage());
        assertEquals(42, Parameters.load(file, SPECS).seed);
    }

    /** Regression: a failed write left its .tmp file behind. */
    @Test
    void failedWriteLeavesNoTempFile() throws Exception {
        Path target = dir.resolve("taken");
        Files.createDirectories(target.resolve("inside")); // a non-empty directory: the final move fails
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Parameters.initialise(SPECS, 1).save(target));
        assertTrue(e.getMessage().contains(target.toString()), e.getMessage());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList(), "only the directory, no .tmp");
        }
    }
}
