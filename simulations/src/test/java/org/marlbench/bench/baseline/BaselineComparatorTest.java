package org.marlbench.bench.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BaselineComparatorTest {
    private final BaselineComparator comparator = new BaselineComparator();

    private static StatsDocument doc(SyntheticStats s) throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("cmp");
        return StatsDocument.read(s.writeRun(dir));
    }

    @Test
    void sampleSizeRuleMatchesTheFormula() {
        assertEquals(7, SampleSizeRule.minimumSamples(0.50));
        assertEquals(90, SampleSizeRule.minimumSamples(0.95));
        assertEquals(459, SampleSizeRule.minimumSamples(0.99));
    }

    @Test
    void sameGeneratorDifferentSeedsIsUnchangedInAtLeast19Of20Trials() throws Exception {
        int unchanged = 0;
        for (int trial = 0; trial < 20; trial++) {
            final int t = trial;
            StatsDocument base = doc(new SyntheticStats().with(s -> s.seed = 1000 + t));
            StatsDocument cur = doc(new SyntheticStats().with(s -> s.seed = 5000 + t));
            List<MetricComparison> result = comparator.compare(base, cur);
            if (result.stream().allMatch(m -> m.verdict() == Verdict.UNCHANGED)) {
                unchanged++;
            }
        }
        assertTrue(unchanged >= 19, "unchanged in only " + unchanged + " of 20 trials");
    }

    @Test
    void thirtyPercentSlowerIsRegressedAndFasterIsImproved() throws Exception {
        StatsDocument base = doc(new SyntheticStats().with(s -> s.seed = 1));
        StatsDocument slower = doc(new SyntheticStats().with(s -> { s.seed = 2; s.scale = 1.3; }));
        StatsDocument faster = doc(new SyntheticStats().with(s -> { s.seed = 3; s.scale = 0.7; }));
        for (MetricComparison m : comparator.compare(base, slower)) {
            if (m.metric().startsWith("client") || m.metric().startsWith("serverModel")) {
                assertEquals(Verdict.REGRESSED, m.verdict(), m.metric() + ": " + m.rule());
                assertTrue(m.ciLow() > 1.1, m.rule());
            }
        }
        for (MetricComparison m : comparator.compare(base, faster)) {
            if (m.metric().startsWith("client") || m.metric().startsWith("serverModel")) {
                assertEquals(Verdict.IMPROVED, m.verdict(), m.metric() + ": " + m.rule());
            }
        }
    }

    @Test
    void aLargeRatioInsideTheNoiseIsNotARegression() {
        // 459 samples of a wide distribution: p99 rests on 5 observations, so its interval is wide
        LatencyDistribution base = distribution(459, 1.2, 11, 1.0);
        LatencyDistribution cur = distribution(459, 1.2, 12, 1.25);
        MetricComparison m = comparator.comparePercentile("client p99", base, cur, 0.99, 0.20);
        assertTrue(m.currentValue() / m.baselineValue() > 1.2, "the point ratio alone would say regressed: " + m.rule());
        assertTrue(m.ciLow() < 1.1, "interval should reach into the noise: " + m.rule());
        assertEquals(Verdict.UNCHANGED, m.verdict(), m.rule());
    }

    @Test
    void fiftyRequestsAreNotEnoughForP99ButEnoughForP50() throws Exception {
        StatsDocument base = doc(new SyntheticStats().with(s -> { s.seed = 1; s.count = 50; }));
        StatsDocument cur = doc(new SyntheticStats().with(s -> { s.seed = 2; s.count = 50; s.scale = 1.5; }));
        List<MetricComparison> result = comparator.compare(base, cur);
        MetricComparison p99 = find(result, "client p99");
        assertEquals(Verdict.NOT_ENOUGH_DATA, p99.verdict());
        assertTrue(p99.rule().contains("459"), p99.rule());
        assertEquals(Verdict.NOT_ENOUGH_DATA, find(result, "client p95").verdict());
        assertTrue(find(result, "client p50").verdict() != Verdict.NOT_ENOUGH_DATA);
    }

    @Test
    void thresholdRulesForMetricsWithoutADistribution() {
        assertEquals(Verdict.REGRESSED, BaselineComparator.compareThroughput(1000, 790, 0.2).verdict());
        assertEquals(Verdict.UNCHANGED, BaselineComparator.compareThroughput(1000, 850, 0.2).verdict());
        assertEquals(Verdict.IMPROVED, BaselineComparator.compareThroughput(1000, 1250, 0.2).verdict());
        // 10 s of load each: compared; one request (a rate of 1/latency) or half a second: not enough data.
        assertEquals(Verdict.REGRESSED, BaselineComparator.compareThroughput(10_000, 1000, 7_900, 790, 0.2).verdict());
        assertEquals(Verdict.NOT_ENOUGH_DATA, BaselineComparator.compareThroughput(1, 190.9, 1, 123.2, 0.2).verdict());
        assertEquals(Verdict.NOT_ENOUGH_DATA, BaselineComparator.compareThroughput(10_000, 1000, 100, 200, 0.2).verdict());
        assertEquals(Verdict.REGRESSED, BaselineComparator.compareErrorRate(0.0, 1.5).verdict());
        assertEquals(Verdict.UNCHANGED, BaselineComparator.compareErrorRate(0.0, 0.5).verdict());
        assertEquals(Verdict.IMPROVED, BaselineComparator.compareErrorRate(3.0, 0.5).verdict());
        // memory: +50 % of a small number stays under the 16 MB floor
        assertEquals(Verdict.UNCHANGED, BaselineComparator.compareWithFloor("memory increase", "MB", 4, 6, 0.2, 16).verdict());
        assertEquals(Verdict.REGRESSED, BaselineComparator.compareWithFloor("memory increase", "MB", 4, 40, 0.2, 16).verdict());
        assertEquals(Verdict.REGRESSED, BaselineComparator.compareWithFloor("cpu mean", "%", 100, 130, 0.2, 5).verdict());
        assertEquals(Verdict.NOT_ENOUGH_DATA, BaselineComparator.compareWithFloor("cpu mean", "%", Double.NaN, 130, 0.2, 5).verdict());
    }

    @Test
    void bootstrapIntervalContainsThePointAndIsSeeded() {
        LatencyDistribution base = distribution(20000, 0.4, 1, 1.0);
        LatencyDistribution cur = distribution(20000, 0.4, 2, 1.0);
        RatioInterval a = PercentileBootstrap.ratio(base, cur, 0.95, 2000, 42);
        RatioInterval b = PercentileBootstrap.ratio(base, cur, 0.95, 2000, 42);
        assertEquals(a, b);
        assertTrue(a.low() <= a.ratio() && a.ratio() <= a.high(), a.toString());
        assertTrue(a.low() > 0.95 && a.high() < 1.05, "20000 samples give a tight interval: " + a);
    }

    static LatencyDistribution distribution(int n, double sigma, long seed, double scale) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        org.HdrHistogram.Histogram h = new org.HdrHistogram.Histogram(3);
        for (int i = 0; i < n; i++) {
            double z = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
            h.recordValue(Math.max(1, Math.round(1000 * scale * Math.exp(sigma * z))));
        }
        return LatencyDistribution.of(h);
    }

    private static MetricComparison find(List<MetricComparison> all, String metric) {
        return all.stream().filter(m -> m.metric().equals(metric)).findFirst().orElseThrow();
    }

    @Test
    void resourcesOfASubSecondRunAreNotEnoughData() throws Exception {
        // 100 sequential requests at 270/s: 0.37 s, one or two sidecar samples.
        StatsDocument base = doc(new SyntheticStats().with(s -> { s.count = 100; s.throughput = 270; }));
        StatsDocument cur = doc(new SyntheticStats().with(s -> { s.count = 100; s.throughput = 270; s.seed = 9; }));
        for (MetricComparison m : new BaselineComparator(200).compare(base, cur)) {
            if (m.metric().equals("cpu mean") || m.metric().equals("memory increase") || m.metric().equals("throughput")) {
                assertEquals(Verdict.NOT_ENOUGH_DATA, m.verdict(), m.metric());
            }
        }
    }
}
