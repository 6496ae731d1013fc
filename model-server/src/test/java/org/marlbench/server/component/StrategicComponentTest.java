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
            // seed 99 is ignored: the file wins, its seed is reported, and a WARN says so
            ch.qos.logback.classic.Logger log = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(ComponentLifecycle.class);
            ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender = new ch.qos.logback.core.read.ListAppender<>();
            appender.start();
            log.addAppender(appender);
            StrategicComponent loaded;
            try {
                loaded = create(Map.of("model.seed", "99", "model.parametersFile", file.toString()));
            } finally {
                log.detachAppender(appender);
            }
            assertTrue(appender.list.stream().anyMatch(ev -> ev.getLevel() == ch.qos.logback.classic.Level.WARN
                    && ev.getFormattedMessage().contains("model.seed=99 is ignored") && ev.getFormattedMessage().contains("its seed is 11")),
                    appender.list.toString());
            try (StrategicComponent reader = loaded) {
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
    void nonFiniteAgentOutputFallsBackWithoutCountingTowardTheBreaker() {
        try (StrategicComponent c = create(Map.of("model.engine.runners", "1"))) {
            c.faults.nanAgentMask = 1 << 2; // regime
            for (int i = 0; i < 8; i++) {
                Decision d = c.decide(matrices[i]);
                assertEquals(List.of("regime"), d.fallbackAgents());
                assertEquals(0.1, d.individualConfidences()[2], 0);
                assertTrue(d.reasoning().contains("regime (non-finite output)"), d.reasoning());
                assertFalse(d.confidence() >= 0.65 * 1.2 != d.shouldProceed(), "1.2x threshold applies");
            }
            assertEquals("CLOSED", c.breakerState("regime"), "a non-finite output is the input's fault, not the agent's");
            assertEquals(8, c.fallbackCount());
            c.faults.nanAgentMask = 0;
            assertSameDecision(shared.decide(matrices[0]), c.decide(matrices[0]));
        }
    }

    /**
     * Regression: large but finite inputs (every cell 3e38) overflow float32 inside the matmuls. Ten of
     * them used to open every breaker for 30 s for every client; now only those requests fall back.
     */
    @Test
    void overflowingInputsDoNotOpenTheBreakers() {
        try (StrategicComponent c = create(Map.of())) {
            float[] huge = new float[ROWS * COLS];
            java.util.Arrays.fill(huge, 3e38f);
            for (int i = 0; i < 10; i++) {
                Decision d = c.decide(huge);
                assertFalse(d.fallbackAgents().isEmpty(), "3e38 overflows float32 in the forward pass");
                assertTrue(d.reasoning().contains("non-finite output"), d.reasoning());
                for (double p : d.ensembleProbabilities()) assertTrue(Double.isFinite(p), d.reasoning());
            }
            for (String agent : StrategicComponent.AGENTS) assertEquals("CLOSED", c.breakerState(agent), agent);
            Decision normal = c.decide(matrices[2]);
            assertTrue(normal.fallbackAgents().isEmpty(), normal.reasoning());
            assertSameDecision(shared.decide(matrices[2]), normal);
        }
    }

    /** In a micro-batch, one request's overflow leaves the other requests of the same pass untouched. */
    @Test
    void anOverflowingRequestDoesNotSpoilItsBatch() throws Exception {
        try (StrategicComponent c = create(Map.of("model.engine.runners", "1"))) {
            float[] huge = new float[ROWS * COLS];
            java.util.Arrays.fill(huge, 3e38f);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Decision>> normal = new ArrayList<>();
                List<Future<Decision>> bad = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    int k = i % matrices.length;
                    normal.add(pool.submit(() -> c.decide(matrices[k])));
                    bad.add(pool.submit(() -> c.decide(huge)));
                }
                for (Future<Decision> f : normal) assertTrue(f.get().fallbackAgents().isEmpty(), f.get().reasoning());
                for (Future<Decision> f : bad) assertFalse(f.get().fallbackAgents().isEmpty());
            } finally {
                pool.shutdown();
            }
            for (String agent : StrategicComponent.AGENTS) assertEquals("CLOSED", c.breakerState(agent), agent);
        }
    }

    @Test
    void engineFailuresOpenTheBreakersAndAHalfOpenTrialClosesThem() throws Exception {
        try (StrategicComponent c = create(Map.of("model.breaker.openMs", "200", "model.engine.runners", "1"))) {
            c.faults.throwInForward = true;
            for (int i = 0; i < 5; i++) assertEquals(StrategicComponent.AGENTS, c.decide(matrices[i]).fallbackAgents());
            for (String agent : StrategicComponent.AGENTS) assertEquals("OPEN", c.breakerState(agent), agent);
            c.faults.throwInForward = false;
            Decision open = c.decide(matrices[0]);
            assertEquals(StrategicComponent.AGENTS, open.fallbackAgents());
            assertTrue(open.reasoning().contains("circuit breaker open"), open.reasoning());
            Thread.sleep(250);
            Decision trial = c.decide(matrices[0]); // half-open trial succeeds
            assertTrue(trial.fallbackAgents().isEmpty(), trial.reasoning());
            for (String agent : StrategicComponent.AGENTS) assertEquals("CLOSED", c.breakerState(agent), agent);
            assertSameDecision(shared.decide(matrices[0]), trial);
            assertEquals(6, c.fallbackCount());
        }
    }

    /**
     * Regression: the first decision after create() used to fall back (cold path, 39 ms over the 8 ms
     * budget) because the warm-up ran all-zero matrices on lane 0 only. Default budgets. On a busy
     * shared machine one preemption can still cost 10 ms, so a second fresh component may try once more.
     */
    @Test
    void firstDecisionAfterCreateDoesNotFallBack() {
        Decision first = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            try (StrategicComponent c = StrategicComponent.create(Settings.of(Map.of()))) {
                for (String agent : StrategicComponent.AGENTS) assertEquals("CLOSED", c.breakerState(agent), agent);
                assertEquals(0, c.fallbackCount(), "warm-up fallbacks are not counted");
                first = c.decide(matrices[7]);
                if (first.fallbackAgents().isEmpty()) break;
            }
        }
        assertTrue(first.fallbackAgents().isEmpty(), first.reasoning());
    }

    /** Regression: close() during decisions used to free the weights under a running matmul (JVM crash). */
    @Test
    void closeWhileDecidingNeverRunsOnFreedWeights() throws Exception {
        StrategicComponent c = create(Map.of());
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        java.util.concurrent.atomic.AtomicLong completed = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.CountDownLatch running = new java.util.concurrent.CountDownLatch(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                futures.add(pool.submit(() -> {
                    running.countDown();
                    for (int i = 0; ; i++) {
                        try {
                            Decision d = c.decide(matrices[(i + offset) % matrices.length]);
                            assertTrue(d.fallbackAgents().isEmpty(), d.reasoning());
                            completed.incrementAndGet();
                        } catch (IllegalStateException e) {
                            assertEquals("component is closed", e.getMessage());
                            return null;
                        }
                    }
                }));
            }
            running.await();
            Thread.sleep(100);
            c.close();
            for (Future<?> f : futures) f.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(completed.get() > 0);
            assertThrows(IllegalStateException.class, () -> c.decide(matrices[0]));
        } finally {
            pool.shutdownNow();
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
            assertEquals("CLOSED", c.breakerState("mlmi"), "a total-budget overrun is not an agent failure");
        }
    }

    /**
     * Regression: with the agent budget checked first, the total budget could never trigger in fused mode.
     * The total now covers the whole decide(), queue wait included: a request that waits behind a slow
     * pass on the only lane is over its total even though its own forward pass was quick.
     */
    @Test
    void queueWaitCountsTowardTheTotalBudget() throws Exception {
        try (StrategicComponent c = create(Map.of("model.budget.agentMs", "60000", "model.budget.totalMs", "30",
                "model.engine.runners", "1", "model.batch.maxSize", "1"))) {
            c.faults.delayNanos = 300_000_000; // the first pass holds the only lane for 300 ms
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<Decision> slow = pool.submit(() -> c.decide(matrices[1]));
                Thread.sleep(100); // the slow pass has started (and read its delay) by now
                c.faults.delayNanos = 0;
                Future<Decision> waiting = pool.submit(() -> c.decide(matrices[2])); // queued behind it
                Decision w = waiting.get();
                assertEquals(StrategicComponent.AGENTS, w.fallbackAgents(), w.reasoning());
                assertTrue(w.reasoning().contains("30 ms total budget"), w.reasoning());
                assertTrue(slow.get().reasoning().contains("30 ms total budget"), slow.get().reasoning());
            } finally {
                pool.shutdown();
            }
            for (String agent : StrategicComponent.AGENTS) assertEquals("CLOSED", c.breakerState(agent), agent);
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
