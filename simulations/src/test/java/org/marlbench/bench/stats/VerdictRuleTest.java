package org.marlbench.bench.stats;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class VerdictRuleTest {
    private static RatioEstimate e(double ratio, double low, double high) {
        return new RatioEstimate(ratio, low, high, 20, 0.02, 5, "test");
    }

    @Test
    void regressedNeedsMoreThanTheThresholdAndAnIntervalAboveOne() {
        assertEquals(Verdict.REGRESSED, VerdictRule.judge(e(1.25, 1.15, 1.36), 20, true).verdict());
        assertEquals(Verdict.INCONCLUSIVE, VerdictRule.judge(e(1.25, 0.95, 1.6), 20, true).verdict(), "not significant");
        assertEquals(Verdict.UNCHANGED, VerdictRule.judge(e(1.12, 1.08, 1.16), 20, true).verdict(),
                "significantly slower, but within the threshold");
    }

    @Test
    void inconclusiveWhenTheIntervalReachesBeyondTheThresholdAndSaysHowMuchLonger() {
        VerdictRule.Judged j = VerdictRule.judge(e(1.0, 0.8, 1.25), 20, true);
        assertEquals(Verdict.INCONCLUSIVE, j.verdict());
        // half-width ln(1.25/0.8)/2 = 0.223; distance to the boundary ln(1.2) = 0.182: about 1.5x the variance to shrink
        assertEquals(Math.pow(Math.log(1.25 / 0.8) / 2 / Math.log(1.2), 2), j.decideFactor(), 1e-9);
    }

    @Test
    void improvedAndThroughputTheOtherWayRound() {
        assertEquals(Verdict.IMPROVED, VerdictRule.judge(e(0.7, 0.65, 0.75), 20, true).verdict());
        // throughput: lower is worse, so a ratio of 0.7 is a regression
        assertEquals(Verdict.REGRESSED, VerdictRule.judge(e(0.7, 0.65, 0.75), 20, false).verdict());
        assertEquals(Verdict.UNCHANGED, VerdictRule.judge(e(1.0, 0.97, 1.03), 20, false).verdict());
    }
}
