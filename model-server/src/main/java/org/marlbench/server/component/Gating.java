package org.marlbench.server.component;

/**
 * The gating network: Linear(6 -> 3) over the shared context (inputs in {@link SharedContext#asVector()}
 * order) plus the SPEC's fixed context biases, softmax. 18 multiply-adds: done in Java, not worth a
 * native call.
 */
final class Gating {
    /** Context bias per agent (mlmi, nwrqk, regime) for each context input, same order as the vector. */
    static final double[][] CONTEXT_BIAS = {
            {-1, -1, 3},    // volatility_30
            {-1, 2.5, -1},  // volume_ratio
            {4, -1, -1},    // momentum_20
            {0, 0, 0},      // momentum_50: no bias in the SPEC
            {-1, -1, 4},    // mmd_score
            {3, -1, -1},    // price_trend
    };
    private static final double LN3 = Math.log(3);

    private final float[] weight; // [6][3] row-major: input i, agent j
    private final float[] bias;   // [3]

    Gating(float[] weight, float[] bias) {
        if (weight.length != SharedContext.SIZE * 3 || bias.length != 3) {
            throw new IllegalArgumentException("gating needs a 6x3 weight and 3 biases");
        }
        this.weight = weight;
        this.bias = bias;
    }

    double[] weights(SharedContext context) {
        double[] x = context.asVector();
        double[] logits = new double[3];
        for (int j = 0; j < 3; j++) {
            double z = bias[j];
            for (int i = 0; i < x.length; i++) z += x[i] * (weight[i * 3 + j] + CONTEXT_BIAS[i][j]);
            logits[j] = z;
        }
        return Softmax.of(logits);
    }

    /**
     * Gating weights from a gating module's own logits (an imported gating.pt, SPEC: its outputs come
     * before the context biases): softmax(logits[from .. from+3) + the context biases).
     */
    static double[] weightsFromLogits(float[] logits, int from, SharedContext context) {
        double[] x = context.asVector();
        double[] z = new double[3];
        for (int j = 0; j < 3; j++) {
            z[j] = logits[from + j];
            for (int i = 0; i < x.length; i++) z[j] += x[i] * CONTEXT_BIAS[i][j];
        }
        return Softmax.of(z);
    }

    /** 1 - entropy(w) / ln 3: 0 for uniform weights, 1 for one-hot. */
    static double confidence(double[] w) {
        return 1 - Softmax.entropy(w, 0) / LN3;
    }
}
