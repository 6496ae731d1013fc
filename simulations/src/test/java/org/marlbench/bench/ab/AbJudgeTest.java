package org.marlbench.bench.ab;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.marlbench.bench.results.Comparison;
import org.marlbench.bench.results.MetricVerdict;
import org.marlbench.bench.results.Outcome;
import org.marlbench.bench.results.StatsFile;
import org.marlbench.bench.testing.SyntheticRuns;

/** The A/B verdict on rounds drawn from a known truth. */
class AbJudgeTest {

    static StatsFile run(long seed, double ratio, double roundSigma, double forkSigma) {
        return new SyntheticRuns().with(s -> {
            s.ab = true;
            s.seed = seed;
            s.trueRatio = ratio;
            s.roundSigma = roundSigma;
            s.forkSigma = forkSigma;
            s.driftPerRound = 0.002;
        }).build();
    }

    static MetricVerdict metric(Comparison c, String name) {
        return c.metrics().stream().filter(m -> m.metric().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void identicalBuildsAreNeverCalledRegressedInFiftyRuns() {
        for (long seed = 1; seed <= 50; seed++) {
            Comparison c = AbJudge.judge(run(seed, 1.0, 0.03, 0.01), 20, false);
            assertNotEquals(Outcome.REGRESSED, c.outcomeValue(), "seed " + seed + ": " + c.metrics());
            assertTrue(c.passed());
        }
    }

    @Test
    void aTwentyFivePercentSlowdownIsRegressedAndFailsTheRun() {
        Comparison c = AbJudge.judge(run(3, 1.25, 0.03, 0.01), 20, false);
        assertEquals(Outcome.REGRESSED, c.outcomeValue(), c.metrics().toString());
        assertFalse(c.passed());
        MetricVerdict p50 = metric(c, "client p50");
        assertEquals("regressed", p50.verdict());
        assertEquals(1.25, p50.ratio(), 0.05);
        assertTrue(p50.ratioLow() > 1.0);
        assertEquals("regressed", metric(c, "throughput").verdict(), "throughput fell by the same factor");
        assertTrue(c.advice().contains("slower than the reference"), c.advice());
        assertTrue(AbJudge.judge(run(3, 1.25, 0.03, 0.01), 20, true).passed(), "warn-only reports, does not fail");
    }

    @Test
    void aP99WorseOnItsOwnIsInconclusiveAndWithItsP95ItIsRegressed() {
        StatsFile tailOnly = new SyntheticRuns().with(s -> {
            s.ab = true;
            s.seed = 7;
            s.tailRatio = 1.3;
            s.roundSigma = 0.03;
            s.forkSigma = 0.01;
        }).build();
        Comparison c = AbJudge.judge(tailOnly, 20, false);
        assertNotEquals(Outcome.REGRESSED, c.outcomeValue(), c.metrics().toString());
        assertTrue(c.passed());
        for (String name : new String[] {"client p99", "server total p99", "server model p99"}) {
            MetricVerdict p99 = metric(c, name);
            assertTrue(p99.ratio() > 1.2 && p99.ratioLow() > 1, name + ": worse by more than 20 % and significantly: " + p99);
            assertEquals("inconclusive", p99.verdict(), name);
            assertTrue(p99.rule().contains("a p99 alone"), p99.rule());
        }
        assertEquals("unchanged", metric(c, "client p95").verdict());

        Comparison both = AbJudge.judge(run(7, 1.3, 0.03, 0.01), 20, false);
        assertEquals("regressed", metric(both, "client p95").verdict());
        assertEquals("regressed", metric(both, "client p99").verdict(), "with its p95 worse, the p99 counts");
    }

    @Test
    void noisyRoundsAreInconclusiveAndSayHowMuchLongerToRun() {
        Comparison c = AbJudge.judge(run(5, 1.0, 0.5, 0.0), 20, false);
        assertEquals(Outcome.INCONCLUSIVE, c.outcomeValue(), c.metrics().toString());
        assertTrue(c.passed(), "inconclusive does not fail the build");
        assertTrue(c.advice().contains("-Dcompare.blocks=") || c.advice().contains("-Dcompare.forks="), c.advice());
        assertTrue(metric(c, "client p50").mdePercent() > 20);
    }

    @Test
    void jvmsThatDifferAreInconclusiveAndTheAdviceIsMoreOfThem() {
        // two JVMs a side 15 % apart (JIT outcomes), quiet rounds: only more JVMs narrow the interval
        Comparison c = AbJudge.judge(run(3, 1.0, 0.01, 0.15), 20, false);
        assertEquals(Outcome.INCONCLUSIVE, c.outcomeValue(), c.metrics().toString());
        assertTrue(metric(c, "client p50").method().startsWith("between server JVMs"), metric(c, "client p50").method());
        assertTrue(c.advice().contains("-Dcompare.forks=4"), c.advice());
    }

    @Test
    void aRoundWithTooFewDecisionsForAPercentileIsNotEnoughDataForThatMetricOnly() {
        StatsFile s = run(7, 1.0, 0.03, 0.0);
        var rounds = new java.util.ArrayList<>(s.ab().rounds());
        var r = rounds.get(3);
        rounds.set(3, new org.marlbench.bench.results.RoundResult(r.block(), r.position(), r.forkIndex(), r.fork(), r.side(),
                r.startEpochMs(), r.endEpochMs(), 100, 0, r.clientP50Micros(), r.clientP95Micros(), null, r.serverTotalP50Micros(),
                r.serverTotalP95Micros(), null, r.serverModelP50Micros(), r.serverModelP95Micros(), null, r.throughputPerSecond(),
                r.cpuMicrosPerDecision()));
        var ab = s.ab();
        StatsFile cut = new StatsFile(s.schemaVersion(), s.simulation(), s.runId(), s.startedAt(), s.endedAt(), s.gitCommit(),
                s.configProfile(), s.config(), s.injection(), s.machine(), s.target(), s.warmup(), s.measuredRequest(), s.requests(),
                s.resources(), s.resourcesError(), s.checks(), s.status(), s.timeline(),
                new org.marlbench.bench.results.AbRun(ab.reference(), ab.referenceRequests(), ab.referenceTimeline(), ab.forksPerSide(),
                        ab.blocks(), ab.roundMillis(), ab.settleMillis(), rounds, ab.forkResources(), ab.burnInBlocks()), null);
        Comparison c = AbJudge.judge(cut, 20, false);
        assertEquals("not enough data", metric(c, "client p99").verdict());
        assertTrue(metric(c, "client p99").rule().contains("100 decisions"), metric(c, "client p99").rule());
        assertNotEquals("not enough data", metric(c, "client p50").verdict());
    }

    @Test
    void degradedAnswersAreARegressionEvenWhenFast() {
        // 4 % of the B side's decisions had an agent fall back: a 200 that looks healthy is not
        StatsFile s = new SyntheticRuns().with(x -> { x.ab = true; x.fallbacksDelta = 1280; }).build();
        MetricVerdict f = metric(AbJudge.judge(s, 20, false), "fallback rate");
        assertEquals("regressed", f.verdict(), f.toString());
        assertEquals(0.0, f.reference());
        assertEquals(4.0, f.current(), 1e-9);
        assertEquals("unchanged", metric(AbJudge.judge(run(1, 1.0, 0.03, 0), 20, false), "fallback rate").verdict());
    }

    @Test
    void theErrorRatesOfTheSidesAreCompared() {
        StatsFile s = new SyntheticRuns().with(x -> { x.ab = true; x.errorRate = 0.05; }).build();
        assertEquals("regressed", metric(AbJudge.judge(s, 20, false), "error rate").verdict());
    }
}
