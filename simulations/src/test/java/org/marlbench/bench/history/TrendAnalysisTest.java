package org.marlbench.bench.history;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.marlbench.bench.results.HistoryLine;
import org.marlbench.bench.results.TrendFinding;
import org.marlbench.bench.stats.LinearTrend;

class TrendAnalysisTest {

    static HistoryLine line(double p95Ms, double throughput, long count) {
        return new HistoryLine(2, "2026-11-27T14:00:00Z", "r", "Sim", "default", "abc", "passed", "unchanged", "baseline",
                "pytorch-2.7.1-seeded", count, 0.0, throughput, 800.0, p95Ms * 1000, 3000.0, 200.0, 300.0, 400.0, 1.0e6, 120.0,
                75.0, 100.0);
    }

    private static List<HistoryLine> series(double[] p95Ms, double[] throughput) {
        List<HistoryLine> out = new ArrayList<>();
        for (int i = 0; i < p95Ms.length; i++) out.add(line(p95Ms[i], throughput[i], (long) (throughput[i] * 60)));
        return out;
    }

    @Test
    void deterioratingSeriesWarnsBeforeTheTargetIsCrossed() {
        SplittableRandom r = new SplittableRandom(7);
        double[] p95 = new double[10];
        double[] tput = new double[10];
        for (int i = 0; i < 10; i++) {
            p95[i] = 40 + 3.5 * i + r.nextDouble(-1, 1);     // 40 -> 72 ms, target 75 ms
            tput[i] = 300 - 20 * i + r.nextDouble(-5, 5);    // 300 -> 120 ops/s, minimum 100
        }
        List<TrendFinding> findings = TrendAnalysis.analyse(series(p95, tput), 10, 5);
        assertEquals(2, findings.size());
        TrendFinding latency = findings.get(0);
        assertTrue(latency.warns(), latency.toString());
        assertTrue(latency.slopeLow() > 0 && latency.projected() > 75, latency.toString());
        assertTrue(latency.warning().contains("client p95 is deteriorating"), latency.warning());
        assertTrue(findings.get(1).warns(), findings.get(1).toString());
    }

    @Test
    void flatNoisySeriesDoesNotWarn() {
        for (long seed = 1; seed <= 20; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            double[] p95 = new double[10];
            double[] tput = new double[10];
            for (int i = 0; i < 10; i++) {
                p95[i] = 60 + r.nextDouble(-8, 8);
                tput[i] = 150 + r.nextDouble(-30, 30);
            }
            for (TrendFinding f : TrendAnalysis.analyse(series(p95, tput), 10, 5)) {
                assertFalse(f.warns(), "seed " + seed + ": " + f);
            }
        }
    }

    @Test
    void aThroughputFromUnderFiveSecondsOfLoadIsNotATrendPoint() {
        List<HistoryLine> shortRuns = new ArrayList<>();
        for (int i = 0; i < 10; i++) shortRuns.add(line(1, 500 - 40 * i, 1)); // one decision per run
        List<TrendFinding> findings = TrendAnalysis.analyse(shortRuns, 10, 5);
        assertEquals(1, findings.size(), "only the latency trend: " + findings);
        assertEquals("client p95", findings.get(0).metric());
    }

    @Test
    void tooFewRunsGiveNoTrend() {
        assertTrue(TrendAnalysis.analyse(series(new double[] {1, 2, 3}, new double[] {1, 2, 3}), 10, 5).isEmpty());
    }

    @Test
    void leastSquaresWithStudentsT() {
        LinearTrend line = LinearTrend.fit(new double[] {1, 3, 5, 7.2, 8.8});
        assertEquals(1.98, line.slope(), 1e-9);
        // residual sd and t(0.975, 3) = 3.182 from the tables
        double residuals = 0;
        double[] y = {1, 3, 5, 7.2, 8.8};
        for (int i = 0; i < 5; i++) residuals += Math.pow(y[i] - line.valueAt(i), 2);
        assertEquals(3.182 * Math.sqrt(residuals / 3) / Math.sqrt(10), line.slopeHalfWidth(), 1e-3);
    }
}
