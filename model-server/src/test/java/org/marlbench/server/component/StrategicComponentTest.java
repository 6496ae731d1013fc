package org.marlbench.server.component;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marlbench.server.Settings;

/** The component with the real DJL/PyTorch engine. */
class StrategicComponentTest {
    private static final int ROWS = 48;
    private static final int COLS = 13;
    /**
     * Budgets far above anything a loaded shared machine produces, for the tests that compare exact
     * decisions (a preempted thread must not turn into a time-budget fallback there).
     */
    private static final Map<String, String> GENEROUS = Map.of("model.budget.agentMs", "60000", "model.budget.totalMs", "60000");
    private static StrategicComponent shared;
    private static float[][] matrices;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        shared = StrategicComponent.create(Settings.of(GENEROUS));
        matrices = new float[16][];
        for (int i = 0; i < matrices.length; i++) matrices[i] = MarketMatrices.generate(500 + i, ROWS, COLS);
    }

    @AfterAll
    static void stop() {
        shared.close();
    }

    private static StrategicComponent create(Map<String, String> overrides) {
        Map<String, String> all = new java.util.HashMap<>(GENEROUS);
        all.putAll(overrides);
        return StrategicComponent.create(Settings.of(all));
    }

    @Test
    void describesItself() {
        assertEquals("PyTorch", shared.engineName());
        assertEquals("2.7.1", shared.engineVersion());
        assertEquals(42, shared.seed());
        assertEquals(Parameters.initialise(AgentSpec.fromSettings(Settings.of(Map.of())), 42).count(), shared.parameterCount());
    }

    @Test
    void stackedForwardMatchesThePlainJavaOracle() {
        assertForwardMatchesOracle(shared.parameters(), shared);
    }

    @Test
    void stackedForwardMatchesTheOracleWithUnequalWidths() {
        // regime narrower than the others: exercises the zero padding of hidden units
        try (StrategicComponent c = create(Map.of("model.agent.regime.hidden", "200,100,50", "model.seed", "5"))) {
            assertForwardMatchesOracle(c.parameters(), c);
        }
    }

    private static void assertForwardMatchesOracle(Parameters p, StrategicComponent c) {
        for (int align : new int[] {1, StackedForward.ALIGN, 16}) assertStackedMatchesOracle(p, align);
        assertDecisionsMatchOracle(p, c);
    }

    private static void assertStackedMatchesOracle(Parameters p, int align) {
        try (ai.djl.ndarray.NDManager root = ai.djl.engine.Engine.getEngine("PyTorch").newBaseManager();
             StackedForward.Weights w = new StackedForward.Weights(root, p, align)) {
            StackedForward forward = new StackedForward(w, root, 8, ROWS, COLS);
            for (int batch : new int[] {1, 5}) {
                float[] logits = forward.logits(matrices, batch);
                for (int a = 0; a < 3; a++) {
                    for (int b = 0; b < batch; b++) {
                        double[] expected = PlainForward.probabilities(p, a, matrices[b], COLS);
                        double[] actual = Softmax.of(logits, (a * batch + b) * 3, 3);
                        assertArrayEquals(expected, actual, 1e-5,
                                "align " + align + " agent " + a + " request " + b + " of " + batch);
                    }
                }
            }
        }
    }

    /** The whole decision against the oracle plus the hand-checked arithmetic. */
    private static void assertDecisionsMatchOracle(Parameters p, StrategicComponent c) {
        for (float[] m : matrices) {
            Decision d = c.decide(m);
            double[][] probs = new double[3][];
            double[] conf = new double[3];
            for (int a = 0; a < 3; a++) {
                probs[a] = PlainForward.probabilities(p, a, m, COLS);
                conf[a] = Softmax.max(probs[a]);
            }
            double[] gating = new Gating(p.gatingWeight, p.gatingBias).weights(SharedContext.of(m, ROWS, COLS));
            Ensemble.Result r = Ensemble.combine(probs, conf, new boolean[3], gating, 0.65, 1.2);
            assertArrayEquals(r.probabilities(), d.ensembleProbabilities(), 1e-5);
            assertArrayEquals(conf, d.individualConfidences(), 1e-5);
            assertArrayEquals(gating, d.gatingWeights(), 1e-12);
            assertArrayEquals(r.contributions(), d.agentContributions(), 1e-5);
            assertEquals(r.confidence(), d.confidence(), 1e-5);
            assertEquals(r.uncertainty(), d.uncertainty(), 1e-5);
            assertEquals(RegimeLabel.of(m, ROWS, COLS), d.regime());
            assertTrue(d.fallbackAgents().isEmpty());
            assertTrue(d.computeNanos() > 0);
            assertFalse(d.reasoning().isBlank());
        }
    }

    @Test
    void sameSeedAndInputSameDecisionOtherSeedOtherDecision() {
        try (StrategicComponent again = create(Map.of()); StrategicComponent other = create(Map.of("model.seed", "43"))) {
            for (float[] m : matrices) {
                assertSameDecision(shared.decide(m), again.decide(m));
                assertNotEquals(shared.decide(m).ensembleProbabilities()[0], other.decide(m).ensembleProbabilities()[0]);
            }
            assertEquals(43, other.seed());
        }
    }

    @Test
    void savedAndLoadedParametersGiveTheSameDecisions() throws Exception {
        Path file = dir.resolve("params.bin");
        try (StrategicComponent writer = create(Map.of("model.seed", "11", "model.parametersFile", file.toString(),
                "model.saveParameters", "true"))) {
            assertTrue(Files.size(file) > 1_000_000, "about 260k floats written");
            // seed 99 is ignored: the file wins, and its seed is reported
            try (StrategicComponent reader = create(Map.of("model.seed", "99", "model.parametersFile", file.toString()))) {
                assertEquals(11, reader.seed());
                for (float[] m : matrices) assertSameDecision(writer.decide(m), reader.decide(m));
            }
            Path copy = dir.resolve("copy.bin");
            writer.saveParameters(copy);
            assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(copy));
        }
    }

    @Test
    void corruptParametersFileFailsCreateWithTheFileName() throws Exception {
        Path file = dir.resolve("broken.bin");
        shared.saveParameters(file);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, 100));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> create(Map.of("model.parametersFile", file.toString())));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void concurrentCallersAreBatchedAndMatchSequentialResults() throws Exception {
        try (StrategicComponent c = create(Map.of("model.engine.runners", "1"))) {
            Decision[] sequential = new Decision[matrices.length];
            for (int i = 0; i < matrices.length; i++) sequential[i] = c.decide(matrices[i]);
            long batchesBefore = c.batchCount();
            long requestsBefore = c.batchedRequestCount();
            int threads = 6;
            int perThread = 200;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int offset = t;
                    futures.add(pool.submit(() -> {
                        for (int i = 0; i < perThread; i++) {
                            int k = (i + offset) % matrices.length;
                            Decision d = c.decide(matrices[k]);
                            assertEquals(sequential[k].action(), d.action());
                            assertArrayEquals(sequential[k].ensembleProbabilities(), d.ensembleProbabilities(), 1e-5);
                            assertArrayEquals(sequential[k].individualConfidences(), d.individualConfidences(), 1e-5);
                            assertEquals(sequential[k].confidence(), d.confidence(), 1e-5);
                            assertTrue(d.fallbackAgents().isEmpty(), () -> d.reasoning());
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) f.get();
            } finally {
                pool.shutdown();
            }
            long requests = c.batchedRequestCount() - requestsBefore;
            long batches = c.batchCount() - batchesBefore;
            assertEquals(threads * perThread, requests);
            assertTrue(batches < requests, "6 callers on one engine lane share forward passes: " + batches + " passes");
        }
    }

    @Test
    void nonFiniteAgentOutputFallsBackAndOpensItsBreaker() throws Exception {
        try (StrategicComponent c = create(Map.of("model.breaker.openMs", "200", "model.engine.runners", "1"))) {
            c.faults.nanAgentMask = 1 << 2; // regime
            for (int i = 0; i < 5; i++) {
                Decision d = c.decide(matrices[i]);
                assertEquals(List.of("regime"), d.fallbackAgents());
                assertEquals(0.1, d.individualConfidences()[2], 0);
                assertTrue(d.reasoning().contains("regime (non-finite output)"), d.reasoning());
                assertFalse(d.confidence() >= 0.65 * 1.2 != d.shouldProceed(), "1.2x threshold applies");
            }
            assertEquals("OPEN", c.breakerState("regime"));
            assertEquals("CLOSED", c.breakerState("mlmi"));
            assertEquals(5, c.fallbackCount());
            c.faults.nanAgentMask = 0;
            Decision open = c.decide(matrices[0]);
            assertEquals(List.of("regime"), open.fallbackAgents());
            assertTrue(open.reasoning().contains("circuit breaker open"), open.reasoning());
            Thread.sleep(250);
            Decision trial = c.decide(matrices[0]); // half-open trial succeeds
            assertTrue(trial.fallbackAgents().isEmpty(), trial.reasoning());
            assertEquals("CLOSED", c.breakerState("regime"));
            assertSameDecision(shared.decide(matrices[0]), trial);
            assertEquals(6, c.fallbackCount());
        }
    }

    @Test
    void engineFailureMakesEveryAgentFallBack() {
        try (StrategicComponent c = create(Map.of())) {
            c.faults.throwInForward = true;
            Decision d = c.decide(matrices[3]);
            assertEquals(StrategicComponent.AGENTS, d.fallbackAgents());
            // all three at [0.33, 0.34, 0.33]: the ensemble is exactly that
            assertArrayEquals(new double[] {0.33, 0.34, 0.33}, d.ensembleProbabilities(), 1e-12);
            assertEquals(Action.HOLD, d.action());
            assertFalse(d.shouldProceed());
            assertTrue(d.reasoning().contains("engine error"), d.reasoning());
        }
    }

    @Test
    void slowForwardPassIsOverTheAgentBudget() {
        try (StrategicComponent c = create(Map.of("model.budget.agentMs", "8", "model.budget.totalMs", "10"))) {
            c.faults.delayNanos = 9_000_000; // agent budget 8 ms
            Decision d = c.decide(matrices[1]);
            assertEquals(StrategicComponent.AGENTS, d.fallbackAgents());
            assertTrue(d.reasoning().contains("8 ms agent budget"), d.reasoning());
            assertTrue(d.computeNanos() >= 9_000_000);
        }
    }

    @Test
    void slowForwardPassIsOverTheTotalBudget() {
        try (StrategicComponent c = create(Map.of("model.budget.agentMs", "50", "model.budget.totalMs", "5"))) {
            c.faults.delayNanos = 6_000_000;
            Decision d = c.decide(matrices[1]);
            assertEquals(StrategicComponent.AGENTS, d.fallbackAgents());
            assertTrue(d.reasoning().contains("5 ms total budget"), d.reasoning());
        }
    }

    @Test
    void wrongLengthIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> shared.decide(new float[13]));
        assertTrue(e.getMessage().contains("624"), e.getMessage());
    }

    private static void assertSameDecision(Decision a, Decision b) {
        assertEquals(a.action(), b.action());
        assertEquals(a.confidence(), b.confidence(), 0);
        assertEquals(a.uncertainty(), b.uncertainty(), 0);
        assertEquals(a.shouldProceed(), b.shouldProceed());
        assertEquals(a.regime(), b.regime());
        assertEquals(a.reasoning(), b.reasoning());
        assertArrayEquals(a.ensembleProbabilities(), b.ensembleProbabilities(), 0);
        assertArrayEquals(a.individualConfidences(), b.individualConfidences(), 0);
        assertArrayEquals(a.gatingWeights(), b.gatingWeights(), 0);
        assertArrayEquals(a.agentContributions(), b.agentContributions(), 0);
        assertEquals(a.fallbackAgents(), b.fallbackAgents());
    }
}
