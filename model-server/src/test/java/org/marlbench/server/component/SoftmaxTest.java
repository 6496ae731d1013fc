package org.marlbench.server.component;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SoftmaxTest {
    @Test
    void softmaxOfLogsIsTheNormalisedValues() {
        // exp(ln 1, ln 2, ln 3) = 1, 2, 3 -> 1/6, 2/6, 3/6
        double[] p = Softmax.of(new double[] {0, Math.log(2), Math.log(3)});
        assertArrayEquals(new double[] {1 / 6.0, 2 / 6.0, 3 / 6.0}, p, 1e-12);
    }

    @Test
    void softmaxIsShiftInvariantAndStableForLargeLogits() {
        float[] logits = {1000f, 1000f + (float) Math.log(2), 1000f};
        double[] p = Softmax.of(logits, 0, 3);
        assertArrayEquals(new double[] {0.25, 0.5, 0.25}, p, 1e-4);
    }

    @Test
    void softmaxReadsTheRequestedSlice() {
        float[] logits = {9, 9, 9, 0, 0, 0, 9};
        assertArrayEquals(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, Softmax.of(logits, 3, 3), 1e-12);
    }

    @Test
    void entropyOfUniformIsLnN() {
        assertEquals(Math.log(3), Softmax.entropy(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, 0), 1e-12);
    }

    @Test
    void entropyClampsZeroProbabilities() {
        // one-hot: 1*ln1 = 0 plus two clamped terms -1e-8 * ln(1e-8) each
        double expected = -2 * 1e-8 * Math.log(1e-8);
        assertEquals(expected, Softmax.entropy(new double[] {1, 0, 0}, 1e-8), 1e-15);
        assertEquals(0, Softmax.entropy(new double[] {1, 0, 0}, 0), 0);
    }

    @Test
    void argmaxTakesTheFirstOfTies() {
        assertEquals(1, Softmax.argmax(new double[] {0.2, 0.4, 0.4}));
    }
}
