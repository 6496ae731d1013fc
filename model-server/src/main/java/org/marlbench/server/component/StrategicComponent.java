package org.marlbench.server.component;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
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
 * <p>Budgets and breakers with fused agents: the three agents run in one forward pass, so the pass's
 * elapsed time is each agent's time. A pass over model.budget.agentMs (or over model.budget.totalMs)
 * makes every agent that ran in it fall back, for every request in that batch. An engine exception
 * does the same. A non-finite output makes only that agent fall back, only for that request. A breaker
 * counts one call per forward pass (not per request): the pass fails for an agent on exception,
 * timeout or any non-finite output of it. An agent whose breaker is open falls back without being
 * consulted: its slice of the stacked pass is still computed (it costs nothing extra) but never read
 * and not counted; if all three are open the pass is skipped.
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
    private volatile boolean closed;

    private StrategicComponent(Settings s, Parameters parameters, Engine engine) {
        this.engine = engine;
        this.parameters = parameters;
        this.rows = s.integer("model.rows");
        this.cols = s.integer("model.columns");
        this.threshold = s.decimal("model.threshold");
        this.fallbackThresholdFactor = s.decimal("model.fallbackThresholdFactor");
        this.agentBudgetNanos = s.longValue("model.budget.agentMs") * 1_000_000L;
        this.totalBudgetNanos = s.longValue("model.budget.totalMs") * 1_000_000L;
        int maxBatch = s.integer("model.batch.maxSize");
        int runners = s.integer("model.engine.runners");
        if (runners < 1) throw new IllegalArgumentException("model.engine.runners must be >= 1");
        for (int a = 0; a < breakers.length; a++) {
            breakers[a] = new CircuitBreaker(s.integer("model.breaker.failures"),
                    s.longValue("model.breaker.openMs") * 1_000_000L, System::nanoTime);
        }
        this.gating = new Gating(parameters.gatingWeight, parameters.gatingBias);
        this.root = engine.newBaseManager();
        this.weights = new StackedForward.Weights(root, parameters);
        List<MicroBatcher.Runner<float[], Outcome>> lanes = new ArrayList<>();
        for (int i = 0; i < runners; i++) {
            StackedForward forward = new StackedForward(weights, root, maxBatch, rows, cols);
            lanes.add(batch -> runBatch(forward, batch));
        }
        this.batcher = new MicroBatcher<>(lanes, maxBatch);
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

    /** A few passes so the first real request does not pay for lazy native initialisation. */
    private void warmUp() {
        float[] zeros = new float[rows * cols];
        for (int i = 0; i < 20; i++) decide(zeros);
        fallbacks.reset();
    }

    /**
     * One decision for a 48x13 matrix given row-major ({@code matrix[row * 13 + col]}),
     * all values finite (the caller validates). Never throws for a well-formed matrix:
     * agent failures become fallbacks.
     *
     * @throws IllegalArgumentException if the array is not rows x columns long
     * @throws IllegalStateException after {@link #close()}
     */
    public Decision decide(float[] matrix) {
        if (matrix == null || matrix.length != rows * cols) {
            throw new IllegalArgumentException("matrix must have " + rows + "x" + cols + " = " + rows * cols
                    + " values, got " + (matrix == null ? "null" : matrix.length));
        }
        if (closed) throw new IllegalStateException("component is closed");
        Outcome outcome = batcher.submit(matrix);
        long t0 = System.nanoTime();
        SharedContext context = SharedContext.of(matrix, rows, cols);
        Regime regime = RegimeLabel.of(matrix, rows, cols);
        double[] gatingWeights = gating.weights(context);
        int n = StackedForward.AGENTS;
        double[][] probabilities = new double[n][];
        double[] confidences = new double[n];
        boolean[] fellBack = new boolean[n];
        List<String> fallbackAgents = new ArrayList<>(0);
        for (int a = 0; a < n; a++) {
            if (outcome.fallbackReason()[a] == null) {
                probabilities[a] = Softmax.of(outcome.logits(), a * 3, 3);
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
            if (fellBack[a]) reasons.add(AGENTS.get(a) + " (" + outcome.fallbackReason()[a] + ")");
        }
        if (!fallbackAgents.isEmpty()) fallbacks.increment();
        String reasoning = Reasoning.of(r, regime, AGENTS, reasons);
        long computeNanos = outcome.batchNanos() + (System.nanoTime() - t0);
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
        if (anyAllowed) {
            try {
                faults.beforeForward();
                logits = forward.logits(batch.toArray(new float[0][]), size);
                faults.afterForward(logits, size);
            } catch (RuntimeException e) {
                LOG.warn("engine forward pass failed for a batch of {}: {}", size, e.toString());
                for (int a = 0; a < n; a++) batchReason[a] = "engine error";
            }
        }
        long elapsed = System.nanoTime() - t0;
        String timeout = elapsed > agentBudgetNanos ? "over the " + agentBudgetNanos / 1_000_000 + " ms agent budget"
                : elapsed > totalBudgetNanos ? "over the " + totalBudgetNanos / 1_000_000 + " ms total budget" : null;
        String[][] reasons = new String[size][n];
        for (int a = 0; a < n; a++) {
            if (!allowed[a]) {
                for (int b = 0; b < size; b++) reasons[b][a] = "circuit breaker open";
                continue;
            }
            String why = batchReason[a] != null ? batchReason[a] : timeout;
            if (why != null) {
                for (int b = 0; b < size; b++) reasons[b][a] = why;
                breakers[a].recordFailure();
                continue;
            }
            boolean anyBad = false;
            for (int b = 0; b < size; b++) {
                int base = (a * size + b) * 3;
                if (!(Float.isFinite(logits[base]) && Float.isFinite(logits[base + 1]) && Float.isFinite(logits[base + 2]))) {
                    reasons[b][a] = "non-finite output";
                    anyBad = true;
                }
            }
            if (anyBad) breakers[a].recordFailure();
            else breakers[a].recordSuccess();
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

    /** Frees the native weight tensors. Call once no decide() is running. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        weights.close();
        root.close();
    }
}
