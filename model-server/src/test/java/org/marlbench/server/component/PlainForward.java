package org.marlbench.server.component;

/**
 * Independent oracle: the agents' MLPs written out as plain loops in double precision straight from
 * {@link Parameters} (no stacking, padding or folded biases), as the SPEC describes them.
 */
final class PlainForward {
    private PlainForward() {
    }

    /** Softmax probabilities of agent {@code a} for one row-major matrix. */
    static double[] probabilities(Parameters p, int a, float[] matrix, int cols) {
        AgentSpec spec = p.specs.get(a);
        double[] x = new double[spec.inputWidth()];
        int j = 0;
        for (int r = 0; r < spec.rows(); r++) {
            for (int c : spec.columns()) x[j++] = matrix[r * cols + c];
        }
        int[] widths = spec.layerWidths();
        for (int l = 0; l < widths.length - 1; l++) {
            double[] y = new double[widths[l + 1]];
            for (int o = 0; o < y.length; o++) {
                double z = p.biases[a][l][o];
                for (int i = 0; i < x.length; i++) z += x[i] * p.weights[a][l][i * y.length + o];
                y[o] = l < widths.length - 2 ? Math.max(0, z) : z;
            }
            x = y;
        }
        return Softmax.of(x);
    }
}
