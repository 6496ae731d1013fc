package org.marlbench.server.component;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The networks one component runs, whichever model.source they came from, and the native memory they
 * hold: the agents as a stacked network ({@link StackedForward.Weights}) or as TorchScript modules, the
 * gating in Java ({@link Gating}) or as gating.pt. Everything after the logits is the same code for
 * both sources. Built once at start-up; {@link #close()} frees it all (the caller makes sure no pass runs).
 */
final class Networks implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Networks.class);

    private final NDManager root;
    /** Null when the agents run as modules. */
    private final StackedForward.Weights weights;
    /** Null for seeded, and once every module was copied into Java or the stacked pass (freed). */
    private final TorchScriptModel modules;
    /** The agents' parameters when they run stacked (seeded, or copied from plain modules); else null. */
    final Parameters parameters;
    /** The gating in Java; null when gating.pt runs as a module. */
    final Gating gating;
    final ModelInfo info;

    private Networks(NDManager root, StackedForward.Weights weights, TorchScriptModel modules, Parameters parameters,
                     Gating gating, ModelInfo info) {
        this.root = root;
        this.weights = weights;
        this.modules = modules;
        this.parameters = parameters;
        this.gating = gating;
        this.info = info;
    }

    static Networks seeded(Engine engine, Parameters p) {
        NDManager root = engine.newBaseManager();
        try {
            StackedForward.Weights weights = new StackedForward.Weights(root, p);
            ModelInfo info = new ModelInfo(ModelSource.SEEDED, List.of(), p.count(), p.seed, ModelInfo.STACKED, ModelInfo.JAVA);
            return new Networks(root, weights, null, p, new Gating(p.gatingWeight, p.gatingBias), info);
        } catch (RuntimeException | Error e) {
            root.close();
            throw e;
        }
    }

    /**
     * Loads and checks the four files of model.torchscript.dir ({@link TorchScriptModel}), then copies
     * what is provably plain into the fast path ({@link StackedImport}) unless model.torchscript.stack=false.
     *
     * @throws IllegalArgumentException naming the file and the shapes it must have
     */
    static Networks torchscript(Engine engine, ComponentSettings s) {
        NDManager root = engine.newBaseManager();
        try {
            int cols = s.shape().columns();
            TorchScriptModel model = TorchScriptModel.load(s.torchscriptDir(), s.agents(), root, cols);
            long parameterCount = model.parameterCount();
            StackedImport.Result imported = s.torchscriptStack() ? StackedImport.of(model, root, cols)
                    : new StackedImport.Result(null, "agents run as modules (model.torchscript.stack=false)",
                            null, "gating.pt runs as a module (model.torchscript.stack=false)");
            LOG.info("{}: {}; {}", s.torchscriptDir(), imported.agentsNote(), imported.gatingNote());
            Parameters stacked = imported.parameters();
            StackedForward.Weights weights = stacked == null ? null : new StackedForward.Weights(root, stacked);
            ModelInfo info = new ModelInfo(ModelSource.TORCHSCRIPT, model.files(), parameterCount, null,
                    stacked == null ? ModelInfo.MODULES : ModelInfo.STACKED,
                    imported.gating() == null ? ModelInfo.MODULE : ModelInfo.JAVA);
            TorchScriptModel kept = model;
            if (stacked != null && imported.gating() != null) {
                model.close(); // every module now lives in Java arrays and the stacked weights
                kept = null;
            }
            return new Networks(root, weights, kept, stacked, imported.gating(), info);
        } catch (RuntimeException | Error e) {
            root.close(); // frees whatever was loaded under it
            throw e;
        }
    }

    /** A lane of its own: input buffers for up to {@code maxBatch} requests over the shared networks. */
    EngineLane newLane(int maxBatch, MatrixShape shape) {
        AgentForward agents = weights != null
                ? new StackedForward(weights, root, maxBatch, shape.rows(), shape.columns())
                : new ScriptedAgents(modules, maxBatch, shape.columns());
        ScriptedGating moduleGating = gating == null ? new ScriptedGating(modules, maxBatch) : null;
        return new EngineLane(agents, moduleGating, shape);
    }

    /** A manager of its own under the networks' root (freed with them at the latest). */
    NDManager newManager() {
        return root.newSubManager();
    }

    /**
     * NDArrays attached to the root or any manager under it right now: the weights, the temporaries of
     * the passes running, and anything left behind. DJL's own bookkeeping ({@link NDManager#getManagedArrays()}),
     * so an array created in a forward pass and never closed is counted.
     */
    long liveArrays() {
        return root.getManagedArrays().size();
    }

    @Override
    public void close() {
        if (weights != null) weights.close();
        if (modules != null) modules.close();
        root.close();
    }
}
