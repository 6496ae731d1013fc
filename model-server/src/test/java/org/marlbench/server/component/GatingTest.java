package org.marlbench.server.component;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GatingTest {
    private static final Gating ZERO = new Gating(new float[18], new float[3]);

    @Test
    void confidenceIsZeroForUniformAndOneForOneHot() {
        assertEquals(0, Gating.confidence(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}), 1e-12);
        assertEquals(1, Gating.confidence(new double[] {0, 1, 0}), 1e-12);
    }

    @Test
    void confidenceInBetweenByHand() {
        // w = [0.5, 0.5, 0]: entropy ln 2 -> 1 - ln2/ln3
        assertEquals(1 - Math.log(2) / Math.log(3), Gating.confidence(new double[] {0.5, 0.5, 0}), 1e-12);
    }

    @Test
    void zeroContextGivesSoftmaxOfTheBias() {
        Gating g = new Gating(new float[18], new float[] {0, (float) Math.log(2), 0});
        assertArrayEquals(new double[] {0.25, 0.5, 0.25}, g.weights(new SharedContext(0, 0, 0, 0, 0, 0)), 1e-7);
    }

    @Test
    void volatilityBiasFavoursTheRegimeAgent() {
        // logits = 1 x [-1, -1, 3]: softmax = [e^-1, e^-1, e^3] / sum
        double sum = 2 * Math.exp(-1) + Math.exp(3);
        double[] expected = {Math.exp(-1) / sum, Math.exp(-1) / sum, Math.exp(3) / sum};
        assertArrayEquals(expected, ZERO.weights(new SharedContext(1, 0, 0, 0, 0, 0)), 1e-12);
    }

    @Test
    void eachContextBiasHitsItsInput() {
        // all five biases at once, values 0.1..0.6: logits by hand
        SharedContext c = new SharedContext(0.1, 0.2, 0.3, 0.4, 0.5, 0.6);
        double l0 = 0.1 * -1 + 0.2 * -1 + 0.3 * 4 + 0.5 * -1 + 0.6 * 3;
        double l1 = 0.1 * -1 + 0.2 * 2.5 + 0.3 * -1 + 0.5 * -1 + 0.6 * -1;
        double l2 = 0.1 * 3 + 0.2 * -1 + 0.3 * -1 + 0.5 * 4 + 0.6 * -1;
        assertArrayEquals(Softmax.of(new double[] {l0, l1, l2}), ZERO.weights(c), 1e-12);
    }

    @Test
    void learnedWeightsUseTheDocumentedInputOrder() {
        // only the weight of input 1 (volume_ratio) -> agent 2 is set: with volume_ratio 1 the logits
        // are [-1, 2.5, -1] + [0, 0, 2]
        float[] w = new float[18];
        w[1 * 3 + 2] = 2f;
        Gating g = new Gating(w, new float[3]);
        assertArrayEquals(Softmax.of(new double[] {-1, 2.5, 1}), g.weights(new SharedContext(0, 1, 0, 0, 0, 0)), 1e-12);
    }
}
