package org.marlbench.server.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.marlbench.server.Settings;

/**
 * The live native array count (inference.nativeArrays) with the real engine, and the testaid.leak* aid
 * that makes it grow: flat when off, +1 per decision with testaid.leakNativeArrayEvery=1.
 */
class LeakAidTest {
    private static final int DECISIONS = 50;

    private static StrategicComponent create(Map<String, String> more) {
        Map<String, String> all = new java.util.HashMap<>(Map.of("model.budget.agentMs", "60000", "model.budget.totalMs", "60000"));
        all.putAll(more);
        return StrategicComponent.create(Settings.of(all));
    }

    private static void decide(StrategicComponent c, int n) {
        for (int i = 0; i < n; i++) c.decide(MarketMatrices.generate(700 + i, 48, 13));
    }

    @Test
    void offTheCountIsFlat() {
        try (StrategicComponent c = create(Map.of())) {
            long before = c.liveNativeArrays();
            assertTrue(before >= 4, "the 4 stacked weight tensors at least: " + before);
            decide(c, DECISIONS);
            assertEquals(before, c.liveNativeArrays(), "every forward pass frees its temporaries");
            c.close();
            assertNull(c.liveNativeArrays(), "unknown once closed");
        }
    }

    @Test
    void onEveryDecisionLeaksOneNativeArray() {
        try (StrategicComponent c = create(Map.of("testaid.leakNativeArrayEvery", "1", "testaid.leakBytesPerDecision", "1024"))) {
            long before = c.liveNativeArrays(); // the warm-up did not leak: the aid is armed after it
            decide(c, DECISIONS);
            assertEquals(before + DECISIONS, c.liveNativeArrays());
            decide(c, DECISIONS);
            assertEquals(before + 2 * DECISIONS, c.liveNativeArrays());
        }
    }

    @Test
    void everyNthDecision() {
        try (StrategicComponent c = create(Map.of("testaid.leakNativeArrayEvery", "10"))) {
            long before = c.liveNativeArrays();
            decide(c, DECISIONS);
            assertEquals(before + DECISIONS / 10, c.liveNativeArrays());
        }
    }

    @Test
    void theHeapLeakIsRetained() {
        Runtime rt = Runtime.getRuntime();
        try (StrategicComponent c = create(Map.of("testaid.leakBytesPerDecision", "1048576"))) {
            System.gc();
            long before = rt.totalMemory() - rt.freeMemory();
            decide(c, 40);
            System.gc();
            long after = rt.totalMemory() - rt.freeMemory();
            assertTrue(after - before > 30L << 20, "40 decisions x 1 MiB retained: heap grew by " + ((after - before) >> 20) + " MiB");
        }
    }
}
