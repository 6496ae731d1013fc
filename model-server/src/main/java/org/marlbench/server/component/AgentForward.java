package org.marlbench.server.component;

/**
 * The three agents' forward pass over one micro-batch, however they run: seeded or imported plain
 * stacks in one stacked pass ({@link StackedForward}), other imported modules one call each
 * ({@link ScriptedAgents}). {@link BatchRunner} times {@link #run} only (the agent budget covers the
 * engine, not the Java packing). Not thread-safe: one per engine lane.
 */
interface AgentForward {
    /** Copies each agent's input slice of the first {@code batch} matrices into this lane's buffers. */
    void pack(float[][] matrices, int batch);

    /** Head logits of the packed batch: result[(a * batch + b) * 3 + k] for agent a, request b, action k. */
    float[] run(int batch);

    default float[] logits(float[][] matrices, int batch) {
        pack(matrices, batch);
        return run(batch);
    }
}
