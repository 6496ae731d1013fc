package org.marlbench.server.component;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;

/**
 * The native side of the component: the base NDManager, the stacked weight tensors (read-only, shared),
 * one {@link StackedForward} per lane (each with its own input buffer) and the {@link MicroBatcher} that
 * hands waiting requests to a free lane. {@link #close()} frees the native memory; the caller makes sure
 * no pass is running.
 */
final class EngineLanes implements AutoCloseable {
    private final NDManager root;
    private final StackedForward.Weights weights;
    private final List<StackedForward> lanes = new ArrayList<>();
    private final MicroBatcher<float[], Outcome> batcher;

    EngineLanes(Engine engine, Parameters parameters, ComponentSettings s, BatchRunner runner) {
        this.root = engine.newBaseManager();
        this.weights = new StackedForward.Weights(root, parameters);
        List<MicroBatcher.Runner<float[], Outcome>> runners = new ArrayList<>();
        for (int i = 0; i < s.runners(); i++) {
            StackedForward forward = new StackedForward(weights, root, s.maxBatch(), s.shape().rows(), s.shape().columns());
            lanes.add(forward);
            runners.add(batch -> runner.run(forward, batch));
        }
        this.batcher = new MicroBatcher<>(runners, s.maxBatch());
    }

    /** The request's outcome, from whichever pass it rode in (may run it on this thread). */
    Outcome submit(float[] matrix) {
        return batcher.submit(matrix);
    }

    /** Every lane, for the warm-up (it runs each batch size on each lane directly). */
    List<StackedForward> lanes() {
        return lanes;
    }

    long batches() {
        return batcher.batches();
    }

    long requests() {
        return batcher.requests();
    }

    @Override
    public void close() {
        weights.close();
        root.close();
    }
}
