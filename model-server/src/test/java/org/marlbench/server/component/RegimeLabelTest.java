package org.marlbench.server.component;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RegimeLabelTest {
    /** Volume ratio alternating 1 +- d has population std exactly d; momentum_20 constant m has mean m. */
    private static Regime label(double d, double momentum) {
        float[] m = Matrices.zeros();
        Matrices.setColumn(m, 12, r -> r % 2 == 0 ? 1 + d : 1 - d);
        Matrices.setColumn(m, 9, r -> momentum);
        return RegimeLabel.of(m, Matrices.ROWS, Matrices.COLS);
    }

    @Test
    void volatileJustAboveTheVolumeStdBoundary() {
        assertEquals(Regime.VOLATILE, label(0.0502, 0));
        assertEquals(Regime.VOLATILE, label(0.0502, 0.5)); // volatile wins over trending
    }

    @Test
    void notVolatileJustBelowIt() {
        assertEquals(Regime.RANGING, label(0.0498, 0));
    }

    @Test
    void trendingJustAboveTheMomentumBoundaryEitherSign() {
        assertEquals(Regime.TRENDING, label(0.0498, 0.0101));
        assertEquals(Regime.TRENDING, label(0, -0.0101));
    }

    @Test
    void rangingJustBelowIt() {
        assertEquals(Regime.RANGING, label(0, 0.0099));
        assertEquals(Regime.RANGING, label(0, -0.0099));
    }

    @Test
    void boundariesThemselvesAreExclusive() {
        assertEquals(Regime.RANGING, RegimeLabel.of(0.05, 0.01));
        assertEquals(Regime.TRENDING, RegimeLabel.of(0.05, 0.010001));
        assertEquals(Regime.VOLATILE, RegimeLabel.of(0.050001, 0));
    }
}
