package org.marlbench.server.component;

/** What each TorchScript module reads, taken from a row-major matrix (SPEC section 1). */
final class AgentInputs {
    private AgentInputs() {
    }

    /** The agent's column slice of all rows, flattened row by row, into {@code out[0 .. inputWidth)}. */
    static void slice(AgentSpec spec, float[] matrix, int cols, float[] out) {
        int j = 0;
        int[] columns = spec.columns();
        for (int r = 0; r < spec.rows(); r++) {
            int base = r * cols;
            for (int c : columns) out[j++] = matrix[base + c];
        }
    }

    static float[] slice(AgentSpec spec, float[] matrix, int cols) {
        float[] out = new float[spec.inputWidth()];
        slice(spec, matrix, cols, out);
        return out;
    }

    /** The shared context in the gating's input order, as the float32 the module takes. */
    static float[] context(float[] matrix, int rows, int cols) {
        return context(SharedContext.of(matrix, rows, cols));
    }

    static float[] context(SharedContext context) {
        double[] v = context.asVector();
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) out[i] = (float) v[i];
        return out;
    }
}
