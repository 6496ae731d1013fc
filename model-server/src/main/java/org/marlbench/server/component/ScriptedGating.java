package org.marlbench.server.component;

/**
 * gating.pt run on a whole micro-batch of shared contexts in one call, for a gating module that is not
 * a plain Linear(6 -> 3) (a plain one is read into {@link Gating} and costs 18 multiply-adds in Java).
 * Not thread-safe: one per engine lane (its input buffer); the module is shared.
 */
final class ScriptedGating {
    private final ScriptedModule module;
    private final RowBuffer input;

    ScriptedGating(TorchScriptModel model, int maxBatch) {
        this.module = model.gating;
        this.input = new RowBuffer(SharedContext.SIZE, maxBatch);
    }

    /** Logits before the context biases, [b * 3 + j] for request b, agent j. */
    float[] logits(SharedContext[] contexts, int batch) {
        for (int b = 0; b < batch; b++) input.put(b, AgentInputs.context(contexts[b]), 0);
        return module.forward(input.rows(batch), batch);
    }
}
