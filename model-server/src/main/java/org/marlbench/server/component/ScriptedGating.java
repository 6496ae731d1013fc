package org.marlbench.server.component;

/**
 * gating.pt run on a whole micro-batch of shared contexts in one call, for a gating module that is not
 * a plain Linear(6 -> 3) (a plain one is read into {@link Gating} and costs 18 multiply-adds in Java).
 * Like the agents: {@link #pack} (Java, untimed) then {@link #run} (the engine, inside the agent budget).
 * Not thread-safe: one per engine lane (its input buffer); the module is shared.
 */
final class ScriptedGating {
    private final ScriptedModule module;
    private final RowBuffer input;

    ScriptedGating(TorchScriptModel model, int maxBatch) {
        this.module = model.gating;
        this.input = new RowBuffer(SharedContext.SIZE, maxBatch);
    }

    /** The shared context of each of the first {@code batch} row-major matrices, into this lane's buffer. */
    void pack(float[][] matrices, int batch, int rows, int cols) {
        for (int b = 0; b < batch; b++) input.put(b, AgentInputs.context(matrices[b], rows, cols), 0);
    }

    /** Logits before the context biases of the packed batch, [b * 3 + j] for request b, agent j. */
    float[] run(int batch) {
        return module.forward(input.rows(batch), batch);
    }

    /** Same, from contexts already computed (the start-up proof). */
    float[] logits(SharedContext[] contexts, int batch) {
        for (int b = 0; b < batch; b++) input.put(b, AgentInputs.context(contexts[b]), 0);
        return run(batch);
    }
}
