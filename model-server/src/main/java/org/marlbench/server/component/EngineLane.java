package org.marlbench.server.component;

/**
 * What one engine lane runs per micro-batch: the agents' forward and, when gating.pt runs as a module,
 * the gating's (null when the gating is plain Java on the request thread). Each lane has its own input
 * buffers; the weights and modules behind them are shared read-only.
 */
record EngineLane(AgentForward agents, ScriptedGating gating, MatrixShape shape) {

    /** Java side: the inputs of the first {@code batch} matrices into this lane's buffers. */
    void pack(float[][] matrices, int batch) {
        agents.pack(matrices, batch);
        if (gating != null) gating.pack(matrices, batch, shape.rows(), shape.columns());
    }
}
