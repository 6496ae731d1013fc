package org.marlbench.server.component;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.marlbench.server.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The strategic MARL component: three policy MLPs and a gating network on DJL/PyTorch (SPEC section 1).
 * Thread-safe: {@link #decide} may be called from many threads at once; concurrent calls are
 * micro-batched into one stacked forward pass (see {@link MicroBatcher}).
 *
 * <p>Where the time goes: the three MLPs run as one stacked network ({@link StackedForward}, 9 native
 * compute calls per batch); the shared context, gating (18 multiply-adds), head softmax, ensemble and
 * reasoning are plain Java on the caller's thread.
 *
 * <p>Budgets with fused agents: the three agents run in one forward pass, so the pass's elapsed time
 * is each agent's time. The agent budget (model.budget.agentMs) times the engine forward only (not the
 * input packing, not the wait in the micro-batch queue): a pass over it makes every agent that ran in
 * it fall back, for every request in that batch. The total budget (model.budget.totalMs) is per
 * request and covers the whole {@link #decide} call: queue wait, forward, Java arithmetic; a request
 * over it gets all three agents marked as fallen back (its decision is the fallback ensemble). An
 * engine exception makes every agent of the batch fall back.
 *
 * <p>Circuit breakers count engine exceptions and agent-budget overruns of a forward pass only, one
 * call per pass (not per request). A non-finite output (e.g. large but finite inputs overflowing
 * float32 in the matmuls) is caused by that request's input: only that request's agent falls back,
 * and it does NOT count toward the breaker, so one client's bad matrices cannot open the breakers for
 * everybody else, nor count against the other requests of its batch. A total-budget overrun does not
 * count either (it includes queue wait: load, not an agent fault). An agent whose breaker is open
 * falls back without being consulted: its slice of the stacked pass is still computed (it costs
 * nothing extra) but never read and not counted; if all three are open the pass is skipped.
 *
 * <p>Lifecycle: {@link #create} warms the engine up on realistic matrices (every batch size on every
 * lane, then the whole decide() path), then resets the breakers and the fallback counter, so the
 * first real request runs warm. {@link #close()} refuses new decisions and waits (bounded) for the
 * running ones before it frees the native weights.
 */
public final class StrategicComponent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StrategicComponent.class);

    /** Agent names in the order of every per-agent array. */
    public static final List<String> AGENTS = List.of("mlmi", "nwrqk", "regime");

    /** Per-request result of a batch: its logits and, per agent, why it fell back (null: it did not). */
    record Outcome(float[] logits, String[] fallbackReason, long batchNanos, int batchSize) {
    }

    private final Engine engine;
    private final NDManager root;
    private final Parameters parameters;
    private final StackedForward.Weights weights;
    private final Gating gating;
    private final MicroBatcher<float[], Outcome> batcher;
    private final CircuitBreaker[] breakers = new CircuitBreaker[StackedForward.AGENTS];
    final ForwardFaults faults = new ForwardFaults();
    private final int rows;
    private final int cols;
    private final double threshold;
    private final double fallbackThresholdFactor;
    private final long agentBudgetNanos;
    private final long totalBudgetNanos;
    private final LongAdder fallbacks = new LongAdder();
    private final List<StackedForward> lanes = new ArrayList<>();
    private final int maxBatch;
    /** decide() calls between entry and return; close() waits for 0 before freeing native memory. */
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean closed;

    /** How long close() waits for running decisions before giving up on freeing native memory. */
    static final long CLOSE_WAIT_MS = 5_000;
    /** Warm-up: passes per batch size per lane, then whole decisions (enough for C2 to compile the Java path). */
    static final int WARM_FORWARD_PASSES = 3;
    static final int WARM_DECISIONS = 400;

    private StrategicComponent(Settings s, Parameters parameters, Engine engine) {
        this.engine = engine;
        this.parameters = parameters;
        this.rows = s.integer("model.rows");
        this.cols = s.integer("model.columns");
        this.threshold = s.decimal("model.threshold");
        this.fallbackThresholdFactor = s.decimal("model.fallbackThresholdFactor");
        this.agentBudgetNanos = s.longValue("model.budget.agentMs") * 1_000_000L;
        this.totalBudgetNanos = s.longValue("model.budget.totalMs") * 1_000_000L;
        this.maxBatch = s.integer("model.batch.maxSize");
        int runners = s.integer("model.engine.runners");
        if (runners < 1) throw new IllegalArgumentException("model.engine.runners must be >= 1");
        for (int a = 0; a < breakers.length; a++) {
            breakers[a] = new CircuitBreaker(AGENTS.get(a), s.integer("model.breaker.failures"),
                    s.longValue("model.breaker.openMs") * 1_000_000L, System::nanoTime);
        }
        this.gating = new Gating(parameters.gatingWeight, parameters.gatingBias);
        this.root = engine.newBaseManager();
        this.weights = new StackedForward.Weights(root, parameters);
        List<MicroBatcher.Runner<float[], Outcome>> runnerList = new ArrayList<>();
        for (int i = 0; i < runners; i++) {
            StackedForward forward = new StackedForward(weights, root, maxBatch, rows, cols);
            lanes.add(forward);
            runnerList.add(batch -> runBatch(forward, batch));
        }
        this.batcher = new MicroBatcher<>(runnerList, maxBatch);
    }

    /** Builds (or loads, per model.parametersFile) the networks from the settings. */
    public static StrategicComponent create(Settings settings) {
        List<AgentSpec> specs = AgentSpec.fromSettings(settings);
        long seed = settings.longValue("model.seed");
        String fileName = settings.string("model.parametersFile");
        Path file = fileName.isEmpty() ? null : Path.of(fileName);
        Parameters parameters;
        if (file != null && Files.exists(file)) {
            parameters = Parameters.load(file, specs);
            LOG.info("parameters loaded from {} (seed {})", file, parameters.seed);
            if (settings.isSet("model.seed") && seed != parameters.seed) {
                LOG.warn("model.seed={} is ignored: the parameters file {} wins (its seed is {})", seed, file, parameters.seed);
            }
        } else {
            parameters = Parameters.initialise(specs, seed);
            LOG.info("parameters initialised from seed {} (Xavier-uniform, gain {})", seed, Parameters.XAVIER_GAIN);
            if (file != null && settings.flag("model.saveParameters")) {
                parameters.save(file);
                LOG.info("parameters saved to {}", file);
            }
        }
        Engine engine = NativeEngine.load(settings.integer("model.engine.threads"));
        StrategicComponent component = new StrategicComponent(settings, parameters, engine);
        component.warmUp();
        return component;
    }

    /**
     * Gets the first real request onto the warm path: realistic matrices (all-zero ones would not do:
     * the Java packing and context code must see real data), every batch size on every lane (PyTorch
     * prepares its kernels per shape, and sequential calls would only ever use lane 0), then whole
     * decisions so the JIT compiles the Java arithmetic. Slow warm-up passes must not leave a breaker
     * open or count as fallbacks, so both are reset afterwards.
     */
    private void warmUp() {
        long t0 = System.nanoTime();
        float[][] matrices = new float[maxBatch][];
        for (int i = 0; i < maxBatch; i++) matrices[i] = MarketMatrices.generate(1_000 + i, rows, cols);
        for (int pass = 0; pass < WARM_FORWARD_PASSES; pass++) {
            for (StackedForward lane : lanes) {
                for (int b = 1; b <= maxBatch; b++) lane.logits(matrices, b);
            }
        }
        for (int i = 0; i < WARM_DECISIONS; i++) decide(matrices[i % maxBatch]);
        for (CircuitBreaker b : breakers) b.reset();
        fallbacks.reset();
        LOG.info("warm-up done in {} ms ({} lanes x batch sizes 1..{} x {} passes, then {} decisions)",
                (System.nanoTime() - t0) / 1_000_000, lanes.size(), maxBatch, WARM_FORWARD_PASSES, WARM_DECISIONS);
    }

    /**
     * One decision for a 48x13 matrix given row-major ({@code matrix[row * 13 + col]}),
     * all values finite (the caller validates). Never throws for a well-formed matrix:
     * agent failures become fallbacks.
     *
     * @throws IllegalArgumentException if the array is not rows x columns long
     * @throws IllegalStateException after {@link #close()} has begun
     */
    public Decision decide(float[] matrix) {
        long startNanos = System.nanoTime();
        if (matrix == null || matrix.length != rows * cols) {
            throw new IllegalArgumentException("matrix must have " + rows + "x" + cols + " = " + rows * cols
                    + " values, got " + (matrix == null ? "null" : matrix.length));
        }
        // Increment before the closed check, close() sets closed before reading the count: one of
        // the two always sees the other, so no decision runs on freed weights.
        inFlight.incrementAndGet();
        try {
            if (closed) throw new IllegalStateException("component is closed");
            return decideOpen(matrix, startNanos);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private Decision decideOpen(float[] matrix, long startNanos) {
        Outcome outcome = batcher.submit(matrix);
        long t0 = System.nanoTime();
        SharedContext context = SharedContext.of(matrix, rows, cols);
        Regime regime = RegimeLabel.of(matrix, rows, cols);
        double[] gatingWeights = gating.weights(context);
        String[] reasons = outcome.fallbackReason();
        Decision d = combine(outcome, reasons, regime, gatingWeights, t0);
        long totalNanos = System.nanoTime() - startNanos;
        if (totalNanos > totalBudgetNanos) {
            // Over the request's total budget: every agent counts as fallen back (reasons kept where known).
            String over = "over the " + totalBudgetNanos / 1_000_000 + " ms total budget";
            String[] all = new String[reasons.length];
            for (int a = 0; a < all.length; a++) all[a] = reasons[a] != null ? reasons[a] : over;
            d = combine(outcome, all, regime, gatingWeights, t0);
        }
        if (!d.fallbackAgents().isEmpty()) fallbacks.increment();
        return d;
    }

    /** Heads, ensemble and reasoning for one request; an agent with a non-null reason fell back. */
    private Decision combine(Outcome outcome, String[] fallbackReason, Regime regime, double[] gatingWeights,
                             long javaStartNanos) {
        float[] logits = outcome.logits();
        int n = StackedForward.AGENTS;
        double[][] probabilities = new double[n][];
        double[] confidences = new double[n];
        boolean[] fellBack = new boolean[n];
        List<String> fallbackAgents = new ArrayList<>(0);
        for (int a = 0; a < n; a++) {
            if (fallbackReason[a] == null) {
                probabilities[a] = Softmax.of(logits, a * 3, 3);
                confidences[a] = Softmax.max(probabilities[a]);
            } else {
                probabilities[a] = Ensemble.FALLBACK_PROBABILITIES.clone();
                confidences[a] = Ensemble.FALLBACK_CONFIDENCE;
                fellBack[a] = true;
                fallbackAgents.add(AGENTS.get(a));
            }
        }
        Ensemble.Result r = Ensemble.combine(probabilities, confidences, fellBack, gatingWeights,
                threshold, fallbackThresholdFactor);
        List<String> reasons = new ArrayList<>(fallbackAgents.size());
        for (int a = 0; a < n; a++) {
            if (fellBack[a]) reasons.add(AGENTS.get(a) + " (" + fallbackReason[a] + ")");
        }
        String reasoning = Reasoning.of(r, regime, AGENTS, reasons);
        long computeNanos = outcome.batchNanos() + (System.nanoTime() - javaStartNanos);
        return new Decision(r.action(), r.confidence(), r.uncertainty(), r.shouldProceed(), regime, reasoning,
                r.contributions(), r.probabilities(), confidences, gatingWeights, List.copyOf(fallbackAgents),
                computeNanos);
    }

    /** Runs under one engine lane's lock: breakers, the stacked pass, budgets, per-agent checks. */
    private List<Outcome> runBatch(StackedForward forward, List<float[]> batch) {
        int n = StackedForward.AGENTS;
        int size = batch.size();
        boolean[] allowed = new boolean[n];
        boolean anyAllowed = false;
        for (int a = 0; a < n; a++) {
            allowed[a] = breakers[a].allow();
            anyAllowed |= allowed[a];
        }
        String[] batchReason = new String[n];
        float[] logits = null;
        long t0 = System.nanoTime();
        long forwardNanos = 0;
        if (anyAllowed) {
            try {
                forward.pack(batch.toArray(new float[0][]), size);
                long f0 = System.nanoTime();
                faults.beforeForward();
                logits = forward.run(size);
                forwardNanos = System.nanoTime() - f0; // the agent budget times the engine only
                faults.afterForward(logits, size);
            } catch (RuntimeException e) {
                LOG.warn("engine forward pass failed for a batch of {}: {}", size, e.toString());
                for (int a = 0; a < n; a++) batchReason[a] = "engine error";
            }
        }
        String timeout = forwardNanos > agentBudgetNanos ? "over the " + agentBudgetNanos / 1_000_000 + " ms agent budget" : null;
        String[][] reasons = new String[size][n];
        for (int a = 0; a < n; a++) {
            if (!allowed[a]) {
                for (int b = 0; b < size; b++) reasons[b][a] = "circuit breaker open";
                continue;
            }
            String why = batchReason[a] != null ? batchReason[a] : timeout;
            if (why != null) {
                for (int b = 0; b < size; b++) reasons[b][a] = why;
                breakers[a].recordFailure(why);
                continue;
            }
            breakers[a].recordSuccess();
            // A non-finite output comes from that request's input: only it falls back, the breaker does not count it.
            for (int b = 0; b < size; b++) {
                int base = (a * size + b) * 3;
                if (!(Float.isFinite(logits[base]) && Float.isFinite(logits[base + 1]) && Float.isFinite(logits[base + 2]))) {
                    reasons[b][a] = "non-finite output";
                }
            }
        }
        long batchNanos = System.nanoTime() - t0;
        List<Outcome> out = new ArrayList<>(size);
        for (int b = 0; b < size; b++) {
            float[] mine = new float[n * 3];
            if (logits != null) {
                for (int a = 0; a < n; a++) System.arraycopy(logits, (a * size + b) * 3, mine, a * 3, 3);
            }
            out.add(new Outcome(mine, reasons[b], batchNanos, size));
        }
        return out;
    }

    /** Number of parameters (weights and biases) of the three agents and the gating network. */
    public long parameterCount() {
        return parameters.count();
    }

    /** The seed the parameters were initialised from (the file's seed when loaded from a file). */
    public long seed() {
        return parameters.seed;
    }

    /** e.g. "PyTorch". */
    public String engineName() {
        return engine.getEngineName();
    }

    /** e.g. "2.7.1". */
    public String engineVersion() {
        return engine.getVersion();
    }

    /** Decisions so far in which at least one agent fell back. */
    public long fallbackCount() {
        return fallbacks.sum();
    }

    /** Stacked forward passes run so far; decisions / batches = mean micro-batch size. */
    public long batchCount() {
        return batcher.batches();
    }

    /** Requests that went through the engine so far (including the warm-up). */
    public long batchedRequestCount() {
        return batcher.requests();
    }

    /** Breaker state of an agent, e.g. "CLOSED", "OPEN", "HALF_OPEN". */
    public String breakerState(String agent) {
        int a = AGENTS.indexOf(agent);
        if (a < 0) throw new IllegalArgumentException("unknown agent '" + agent + "', expected one of " + AGENTS);
        return breakers[a].state().name();
    }

    /** Writes the parameters file (see {@link Parameters} for the format); IllegalStateException on I/O error. */
    public void saveParameters(Path file) {
        parameters.save(file);
    }

    Parameters parameters() {
        return parameters;
    }

    CircuitBreaker breaker(int agent) {
        return breakers[agent];
    }

    /**
     * Refuses new decisions, waits up to {@link #CLOSE_WAIT_MS} for running ones, then frees the native
     * weight tensors. If decisions are still running after that, the native memory is left allocated
     * (logged): a leak at shutdown is better than a matmul on freed memory crashing the JVM.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) return;
            closed = true;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MS);
        while (inFlight.get() > 0 && System.nanoTime() < deadline) LockSupport.parkNanos(200_000);
        int running = inFlight.get();
        if (running > 0) {
            LOG.warn("{} decision(s) still running after {} ms; native weights are not freed", running, CLOSE_WAIT_MS);
            return;
        }
        weights.close();
        root.close();
    }
}
