package org.marlbench.server.component;

import java.util.ArrayList;
import java.util.List;

/**
 * The native side of the component: the {@link Networks} (read-only, shared), one {@link EngineLane} per
 * model.engine.runners (each with its own input buffers) and the {@link MicroBatcher} that hands waiting
 * requests to a free lane. {@link #close()} frees the native memory; the caller makes sure no pass is
 * running.
 */
final class EngineLanes implements AutoCloseable {
    private final Networks networks;
    private final List<EngineLane> lanes = new ArrayList<>();
    private final MicroBatcher<float[], Outcome> batcher;

    EngineLanes(Networks networks, ComponentSettings s, BatchRunner runner) {
        this.networks = networks;
        List<MicroBatcher.Runner<float[], Outcome>> runners = new ArrayList<>();
        for (int i = 0; i < s.runners(); i++) {
            EngineLane lane = networks.newLane(s.maxBatch(), s.shape());
            lanes.add(lane);
            runners.add(batch -> runner.run(lane, batch));
        }
        this.batcher = new MicroBatcher<>(runners, s.maxBatch());
    }

    /** The request's outcome, from whichever pass it rode in (may run it on this thread). */
    Outcome submit(float[] matrix) {
        return batcher.submit(matrix);
    }

    /** Every lane, for the warm-up (it runs each batch size on each lane directly). */
    List<EngineLane> lanes() {
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
        networks.close();
    }
}
