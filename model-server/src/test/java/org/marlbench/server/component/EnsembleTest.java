package org.marlbench.server.component;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EnsembleTest {
    private static final double[][] PROBS = {{0.6, 0.3, 0.1}, {0.2, 0.5, 0.3}, {0.1, 0.1, 0.8}};
    private static final double[] CONF = {0.6, 0.5, 0.8};
    private static final double[] GATING = {0.5, 0.3, 0.2};
    private static final double GATING_CONF =
            1 - -(0.5 * Math.log(0.5) + 0.3 * Math.log(0.3) + 0.2 * Math.log(0.2)) / Math.log(3);

    @Test
    void combinesByHand() {
        // w = 0.5*0.6, 0.3*0.5, 0.2*0.8 = 0.3, 0.15, 0.16; sum 0.61
        Ensemble.Result r = Ensemble.combine(PROBS, CONF, new boolean[3], GATING, 0.65, 1.2);
        double[] expected = {0.226 / 0.61, 0.181 / 0.61, 0.203 / 0.61};
        assertArrayEquals(expected, r.probabilities(), 1e-12);
        assertArrayEquals(new double[] {0.3 / 0.61, 0.15 / 0.61, 0.16 / 0.61}, r.contributions(), 1e-12);
        assertEquals(Action.BUY, r.action());
        assertEquals(0.226 / 0.61 * GATING_CONF, r.confidence(), 1e-12);
        double h = 0;
        for (double p : expected) h -= p * Math.log(p);
        assertEquals(h, r.uncertainty(), 1e-12);
        assertEquals(0.65, r.threshold(), 0);
        assertFalse(r.shouldProceed());
    }

    @Test
    void fallbackAgentGetsATenthOfItsWeightAndFixedOutput() {
        double[][] probs = {PROBS[0], PROBS[1], Ensemble.FALLBACK_PROBABILITIES};
        double[] conf = {0.6, 0.5, Ensemble.FALLBACK_CONFIDENCE};
        Ensemble.Result r = Ensemble.combine(probs, conf, new boolean[] {false, false, true}, GATING, 0.65, 1.2);
        // w = 0.3, 0.15, 0.2*0.1*0.1 = 0.002; sum 0.452
        double buy = (0.3 * 0.6 + 0.15 * 0.2 + 0.002 * 0.33) / 0.452;
        double hold = (0.3 * 0.3 + 0.15 * 0.5 + 0.002 * 0.34) / 0.452;
        double sell = (0.3 * 0.1 + 0.15 * 0.3 + 0.002 * 0.33) / 0.452;
        assertArrayEquals(new double[] {buy, hold, sell}, r.probabilities(), 1e-12);
        assertArrayEquals(new double[] {0.3 / 0.452, 0.15 / 0.452, 0.002 / 0.452}, r.contributions(), 1e-12);
        assertEquals(0.65 * 1.2, r.threshold(), 1e-12);
    }

    @Test
    void thresholdAndTheFallbackFactor() {
        // one-hot gating on agent 0 (gating confidence exactly 1), agent 0 says buy with 0.7
        double[][] probs = {{0.7, 0.2, 0.1}, {0.1, 0.1, 0.8}, {0.1, 0.8, 0.1}};
        double[] conf = {0.7, 0.8, 0.8};
        double[] gating = {1, 0, 0};
        Ensemble.Result ok = Ensemble.combine(probs, conf, new boolean[3], gating, 0.65, 1.2);
        assertEquals(0.7, ok.confidence(), 1e-12);
        assertTrue(ok.shouldProceed());
        // the same with agent 2 fallen back (weight 0 anyway): threshold 0.78 > 0.7
        Ensemble.Result fb = Ensemble.combine(probs, conf, new boolean[] {false, false, true}, gating, 0.65, 1.2);
        assertEquals(0.7, fb.confidence(), 1e-12);
        assertFalse(fb.shouldProceed());
    }

    @Test
    void confidenceEqualToTheThresholdProceeds() {
        double[][] probs = {{0.5, 0.25, 0.25}, {0, 1, 0}, {0, 1, 0}};
        Ensemble.Result r = Ensemble.combine(probs, new double[] {0.5, 1, 1}, new boolean[3], new double[] {1, 0, 0}, 0.5, 1.2);
        assertEquals(0.5, r.confidence(), 0);
        assertTrue(r.shouldProceed());
    }

    @Test
    void zeroTotalWeightGivesUniform() {
        Ensemble.Result r = Ensemble.combine(PROBS, new double[3], new boolean[3], GATING, 0.65, 1.2);
        assertArrayEquals(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, r.probabilities(), 1e-12);
        assertArrayEquals(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, r.contributions(), 1e-12);
        assertEquals(Math.log(3), r.uncertainty(), 1e-12);
    }
}
