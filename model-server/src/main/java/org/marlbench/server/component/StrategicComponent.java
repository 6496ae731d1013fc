package org.marlbench.server.component;

import ai.djl.engine.Engine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.marlbench.server.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The strategic MARL component: three policy MLPs and a gating network on DJL/PyTorch (SPEC section 1),
 * seeded or imported from TorchScript files ({@link Networks}, model.source): the same code after the logits.
 * Thread-safe: {@link #decide} may be called from many threads at once; concurrent calls are
 * micro-batched into one stacked forward pass ({@link EngineLanes}, {@link MicroBatcher}).
 *
 * <p>Where the time goes: the three MLPs run as one stacked network ({@link StackedForward}, 9 native
 * compute calls per batch, policy in {@link BatchRunner}); the shared context, gating (18
 * multiply-adds), head softmax, ensemble and reasoning are plain Java on the caller's thread, here.
 *
 * <p>Budgets with fused agents: the three agents run in one forward pass, so the pass's elapsed time
 * is each agent's time. The agent budget (model.budget.agentMs, {@link BatchRunner}) times the engine
 * forward only. The total budget (model.budget.totalMs) is per request and covers the whole
 * {@link #decide} call: queue wait, forward, Java arithmetic; a request over it gets all three agents
 * marked as fallen back (its decision is the fallback ensemble). It does not count toward the breakers
 * (it includes queue wait: load, not an agent fault).
 *
 * <p>Lifecycle ({@link ComponentLifecycle}): {@link #create} loads or initialises the parameters and
 * warms the engine up so the first real request runs warm. {@link #close()} refuses new decisions and
 * waits (bounded) for the running ones before it frees the native weights.
 */
public final class StrategicComponent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StrategicComponent.class);

    /** Agent names in the order of every per-agent array. */
    public static final List<String> AGENTS = List.of("mlmi", "nwrqk", "regime");

    /** How long close() waits for running decisions before giving up on freeing native memory. */
    static final long CLOSE_WAIT_MS = 5_000;

    private final ComponentSettings settings;
    private final Engine engine;
    private final Networks networks;
    /** The gating in Java; null when gating.pt runs as a module (its logits come in the {@link Outcome}). */
    private final Gating gating;
    private final BatchRunner runner;
    private final EngineLanes lanes;
    private final CloseGate gate = new CloseGate();
    private final LongAdder fallbacks = new LongAdder();
    private final String overTotalBudget;
    /** Test aid: faults injected inside the timed forward pass. */
    final ForwardFaults faults;
    /** Test aid (testaid.leak*): decisions that leak on purpose; off by default. */
    private final LeakAid leak;

    StrategicComponent(ComponentSettings settings, Networks networks, Engine engine) {
        this.settings = settings;
        this.engine = engine;
        this.networks = networks;
        this.gating = networks.gating;
        this.runner = new BatchRunner(settings);
        this.faults = runner.faults;
        this.lanes = new EngineLanes(networks, settings, runner);
        this.leak = new LeakAid(settings.leakBytesPerDecision(), settings.leakNativeArrayEvery(), networks::newManager);
        this.overTotalBudget = "over the " + settings.totalBudgetNanos() / 1_000_000 + " ms total budget";
    }

    /** Builds (or loads, per model.source and model.parametersFile) the networks from the settings, warmed up. */
    public static StrategicComponent create(Settings settings) {
        return create(ComponentSettings.from(settings));
    }

    /** Same, from settings already read and checked. */
    public static StrategicComponent create(ComponentSettings settings) {
        return ComponentLifecycle.create(settings);
    }

    /**
     * One decision for a matrix of the configured shape given row-major ({@code matrix[row * columns + col]}),
     * all values finite (the caller validates). Never throws for a well-formed matrix: agent failures
     * become fallbacks.
     *
     * @throws IllegalArgumentException if the array is not rows x columns long
     * @throws IllegalStateException after {@link #close()} has begun
     */
    public Decision decide(float[] matrix) {
        long startNanos = System.nanoTime();
        MatrixShape shape = settings.shape();
        if (matrix == null || matrix.length != shape.cells()) {
            throw new IllegalArgumentException("matrix must have " + shape + " = " + shape.cells()
                    + " values, got " + (matrix == null ? "null" : matrix.length));
        }
        gate.enter();
        try {
            return decideOpen(matrix, startNanos);
        } finally {
            gate.exit();
        }
    }

    private Decision decideOpen(float[] matrix, long startNanos) {
        Outcome outcome = lanes.submit(matrix);
        long t0 = System.nanoTime();
        MatrixShape shape = settings.shape();
        SharedContext context = SharedContext.of(matrix, shape.rows(), shape.columns());
        Regime regime = RegimeLabel.of(matrix, shape.rows(), shape.columns());
        double[] gatingWeights = gating != null ? gating.weights(context)
                : Gating.weightsFromLogits(outcome.gatingLogits(), 0, context);
        String[] reasons = outcome.fallbackReason();
        Decision d = combine(outcome, reasons, regime, gatingWeights, t0);
        if (System.nanoTime() - startNanos > settings.totalBudgetNanos()) {
            // Over the request's total budget: every agent counts as fallen back (reasons kept where known).
            String[] all = new String[reasons.length];
            for (int a = 0; a < all.length; a++) all[a] = reasons[a] != null ? reasons[a] : overTotalBudget;
            d = combine(outcome, all, regime, gatingWeights, t0);
        }
        if (!d.fallbackAgents().isEmpty()) fallbacks.increment();
        leak.afterDecision();
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
                settings.threshold(), settings.fallbackThresholdFactor());
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

    /** Number of parameters (weights and biases) of the three agents and the gating network. */
    public long parameterCount() {
        return networks.info.parameters();
    }

    /**
     * The seed the parameters were initialised from (the file's seed when loaded from a file).
     *
     * @throws IllegalStateException for model.source=torchscript, which has none (see {@link #model()})
     */
    public long seed() {
        Long seed = networks.info.seed();
        if (seed == null) throw new IllegalStateException("model.source=" + networks.info.source().key() + " has no seed");
        return seed;
    }

    /** Which networks run, and how: source, files with their SHA-256, parameters, seed (for /health). */
    public ModelInfo model() {
        return networks.info;
    }

    /** The matrix shape decide() takes. */
    public MatrixShape shape() {
        return settings.shape();
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

    /**
     * The engine's live NDArrays: every array attached to the component's native managers right now
     * (weights, the temporaries of passes running, and any left behind). Flat under constant load unless
     * something leaks; null once closed.
     */
    public Long liveNativeArrays() {
        if (gate.isClosed()) return null;
        try {
            return networks.liveArrays();
        } catch (RuntimeException e) { // closing meanwhile
            return null;
        }
    }

    /** Stacked forward passes run so far; decisions / batches = mean micro-batch size. */
    public long batchCount() {
        return lanes.batches();
    }

    /** Requests that went through the engine so far (including the warm-up). */
    public long batchedRequestCount() {
        return lanes.requests();
    }

    /** Breaker state of an agent, e.g. "CLOSED", "OPEN", "HALF_OPEN". */
    public String breakerState(String agent) {
        int a = AGENTS.indexOf(agent);
        if (a < 0) throw new IllegalArgumentException("unknown agent '" + agent + "', expected one of " + AGENTS);
        return runner.breaker(a).state().name();
    }

    /** True once close() has begun: decide() refuses from then on. */
    public boolean isClosed() {
        return gate.isClosed();
    }

    /**
     * Writes the parameters file (see {@link Parameters} for the format); IllegalStateException on I/O error,
     * or when the agents run as TorchScript modules (no parameters of the server's format to write).
     */
    public void saveParameters(Path file) {
        if (networks.parameters == null) throw new IllegalStateException("the agents run as TorchScript modules: no parameters file to write");
        networks.parameters.save(file);
    }

    /** The agents' parameters when they run stacked (seeded, or copied from plain modules); else null. */
    Parameters parameters() {
        return networks.parameters;
    }

    CircuitBreaker breaker(int agent) {
        return runner.breaker(agent);
    }

    List<EngineLane> lanes() {
        return lanes.lanes();
    }

    /** After the warm-up: its slow passes must not leave a breaker open or count as fallbacks. */
    void resetAfterWarmUp() {
        runner.resetBreakers();
        fallbacks.reset();
        leak.arm();
    }

    /**
     * Refuses new decisions, waits up to {@link #CLOSE_WAIT_MS} for running ones, then frees the native
     * weight tensors. If decisions are still running after that, the native memory is left allocated
     * (logged): a leak at shutdown is better than a matmul on freed memory crashing the JVM.
     */
    @Override
    public void close() {
        if (!gate.close()) return;
        int running = gate.awaitIdle(CLOSE_WAIT_MS);
        if (running > 0) {
            LOG.warn("{} decision(s) still running after {} ms; native weights are not freed", running, CLOSE_WAIT_MS);
            return;
        }
        leak.close();
        lanes.close();
    }
}
