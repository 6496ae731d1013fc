package org.marlbench.bench.stats;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.marlbench.bench.load.RoundPlan;
import org.marlbench.bench.testing.SyntheticRuns;

/** The A/B estimator on data drawn from its own model, where the truth is known. */
class BlockedRoundsTest {

    /** z[b][f] as the judge builds it: per block, the mean log of each fork's two rounds. */
    static double[][] draw(SplittableRandom r, int k, int blocks, double ratio, double forkSigma, double roundSigma,
                           double driftPerRound, double blockSigma) {
        double[] fork = new double[2 * k];
        for (int f = 0; f < 2 * k; f++) fork[f] = forkSigma * SyntheticRuns.gaussian(r);
        double[][] z = new double[blocks][2 * k];
        int position = 0;
        for (int b = 0; b < blocks; b++) {
            double block = blockSigma * SyntheticRuns.gaussian(r);
            for (int f : RoundPlan.palindrome(k, b)) {
                double v = (f >= k ? Math.log(ratio) : 0) + fork[f] + block + driftPerRound * position++ + roundSigma * SyntheticRuns.gaussian(r);
                z[b][f] += v / 2;
            }
        }
        return z;
    }

    @Test
    void theIntervalCoversTheTrueRatioAboutNineteenTimesInTwentyWithJvmEffects() {
        SplittableRandom r = new SplittableRandom(7);
        int covered = 0;
        int trials = 2000;
        for (int i = 0; i < trials; i++) {
            RatioEstimate e = BlockedRounds.estimate(draw(r, 2, 4, 1.10, 0.03, 0.02, 0.001, 0.05), 2);
            if (e.low() <= 1.10 && 1.10 <= e.high()) covered++;
        }
        double rate = covered / (double) trials;
        // "Sometimes pool" is a little liberal when the JVM variance is real but small: it must stay near 95 %.
        assertTrue(rate > 0.90 && rate < 0.99, "coverage " + rate);
    }

    @Test
    void withoutJvmEffectsTheRoundsArePooledThreeTimesInFourAndTheIntervalIsNarrow() {
        SplittableRandom r = new SplittableRandom(3);
        int pooled = 0;
        for (int i = 0; i < 2000; i++) {
            RatioEstimate e = BlockedRounds.estimate(draw(r, 2, 4, 1.0, 0.0, 0.02, 0, 0.1), 2);
            if (e.method().startsWith("rounds and server JVMs pooled")) {
                pooled++;
                // 2 (forks within sides) + (4 - 1) x (4 - 1) (residual) degrees of freedom
                assertEquals(11, e.degreesOfFreedom(), 1e-9);
                assertTrue(e.mdePercent() < 6, e.toString());
            }
        }
        // Under no JVM variance the F test's p-value is uniform: pooled when p > 0.25.
        assertEquals(0.75, pooled / 2000.0, 0.04);
    }

    @Test
    void jvmsThatDifferWidenTheIntervalInsteadOfFakingASignal() {
        // One B JVM 30 % slower than the other ("a bad JIT"), no true difference between the builds.
        double[][] z = draw(new SplittableRandom(5), 2, 4, 1.0, 0.0, 0.01, 0, 0.02);
        for (double[] block : z) block[3] += Math.log(1.3);
        RatioEstimate e = BlockedRounds.estimate(z, 2);
        assertTrue(e.method().startsWith("between server JVMs"), e.method());
        assertEquals(2, e.degreesOfFreedom(), 1e-9);
        assertTrue(e.low() < 1.0, "one slow JVM must not prove a regression: " + e);
    }

    @Test
    void aLinearDriftOfTheMachineCancelsOut() {
        // Strong drift (+1 % per round, 32 rounds) and no noise: the palindromes make the estimate exact.
        RatioEstimate e = BlockedRounds.estimate(draw(new SplittableRandom(9), 2, 4, 1.25, 0, 0, 0.01, 0.0), 2);
        assertEquals(1.25, e.ratio(), 1e-9);
    }

    @Test
    void detectsATwentyFivePercentSlowdownInAlmostEveryRun() {
        SplittableRandom r = new SplittableRandom(11);
        int above = 0;
        for (int i = 0; i < 500; i++) {
            RatioEstimate e = BlockedRounds.estimate(draw(r, 2, 4, 1.25, 0.01, 0.03, 0.0005, 0.05), 2);
            if (e.ratio() > 1.2 && e.low() > 1.0) above++;
        }
        assertTrue(above >= 475, above + " of 500");
    }

    @Test
    void oneForkPerSideRestsOnTheRoundsAndSaysSo() {
        RatioEstimate e = BlockedRounds.estimate(draw(new SplittableRandom(1), 1, 4, 1.0, 0, 0.02, 0, 0.05), 1);
        assertEquals(3, e.degreesOfFreedom(), 1e-9);
        assertTrue(e.method().contains("JVM-to-JVM variance not included"), e.method());
    }

    @Test
    void aDesignWithoutDegreesOfFreedomIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> BlockedRounds.estimate(new double[][] {{1, 2}}, 1));
        assertThrows(IllegalArgumentException.class, () -> BlockedRounds.estimate(new double[][] {{1, 2, 3}}, 2));
    }
}
