package org.marlbench.bench.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TrendAnalysisTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<JsonNode> series(double[] p95Ms, double[] throughput) {
        List<JsonNode> out = new ArrayList<>();
        for (int i = 0; i < p95Ms.length; i++) {
            out.add(JSON.createObjectNode().put("clientP95Micros", p95Ms[i] * 1000).put("throughputPerSecond", throughput[i])
                    .put("targetP95Ms", 75.0).put("minThroughputOps", 100.0));
        }
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
    void tooFewRunsGiveNoTrend() {
        assertTrue(TrendAnalysis.analyse(series(new double[] {1, 2, 3}, new double[] {1, 2, 3}), 10, 5).isEmpty());
    }

    @Test
    void leastSquaresAndStudentT() {
        LinearTrend line = LinearTrend.fit(new double[] {1, 3, 5, 7.2, 8.8});
        assertEquals(1.98, line.slope(), 1e-9);
        assertEquals(2.776, StudentT.quantile975(4), 1e-9);
        assertEquals(2.021, StudentT.quantile975(40), 2e-3);
        assertEquals(1.984, StudentT.quantile975(100), 2e-3);
    }
}
