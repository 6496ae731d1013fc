package org.marlbench.bench.stats;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.marlbench.bench.testing.SyntheticRuns;

class RunSpreadTest {

    @Test
    void aNewRunFromTheSameSpreadFallsInsideThePredictionIntervalNineteenTimesInTwenty() {
        SplittableRandom r = new SplittableRandom(42);
        int inside = 0;
        int trials = 4000;
        for (int i = 0; i < trials; i++) {
            double[] base = new double[5];
            for (int j = 0; j < 5; j++) base[j] = 1000 * Math.exp(0.1 * SyntheticRuns.gaussian(r));
            RatioEstimate e = RunSpread.estimate(base, 1000 * Math.exp(0.1 * SyntheticRuns.gaussian(r)));
            if (e.low() <= 1 && 1 <= e.high()) inside++;
        }
        assertEquals(0.95, inside / (double) trials, 0.015);
    }

    @Test
    void theRatioIsAgainstTheGeometricMeanOfTheBaselineRuns() {
        RatioEstimate e = RunSpread.estimate(new double[] {100, 400}, 400);
        assertEquals(2.0, e.ratio(), 1e-12);
        assertEquals(1, e.degreesOfFreedom(), 1e-12);
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> RunSpread.estimate(new double[] {1}, 1));
        assertThrows(IllegalArgumentException.class, () -> RunSpread.estimate(new double[] {1, 2}, 0));
        assertThrows(IllegalArgumentException.class, () -> RunSpread.estimate(new double[] {1, -2}, 1));
    }
}
