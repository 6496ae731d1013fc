package org.marlbench.bench.baseline;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marlbench.bench.config.GateSettings;
import org.marlbench.bench.results.Comparison;
import org.marlbench.bench.results.Outcome;
import org.marlbench.bench.results.StatsFile;
import org.marlbench.bench.testing.SyntheticRuns;

/** Committed-baseline mode: several recorded runs, judged by their spread; never failed by another machine. */
class BaselineJudgeTest {
    @TempDir
    Path tmp;

    GateSettings settings(GateSettings.Update update, boolean required) {
        Path dir = tmp.resolve("results-baseline");
        return new GateSettings(true, required, false, update, 5, 10, dir, dir, 100, 10, 5, false, 20);
    }

    static StatsFile run(long seed, double scale) {
        // run-to-run spread of a few per cent, as between JVM starts on one machine
        double jitter = Math.exp(0.03 * SyntheticRuns.gaussian(new java.util.SplittableRandom(seed * 31)));
        return new SyntheticRuns().with(s -> { s.seed = seed; s.scale = scale * jitter; s.windowSeconds = 10 * scale * jitter; }).build();
    }

    /** Records five runs as -Dbaseline.update would, one after the other. */
    BaselineStore recordFive() throws Exception {
        BaselineStore store = new BaselineStore(settings(GateSettings.Update.APPEND, false));
        for (int i = 0; i < 5; i++) {
            StatsFile r = run(100 + i, 1.0);
            BaselineJudge.Judged j = BaselineJudge.judge(r, settings(GateSettings.Update.APPEND, false), store);
            store.update(r, j.baseline(), j.baseline() == null || j.comparable(), Instant.parse("2026-11-27T14:00:00Z").plusSeconds(i));
        }
        return store;
    }

    @Test
    void noBaselinePassesUnlessOneIsRequired() {
        StatsFile r = run(1, 1.0);
        Comparison c = BaselineJudge.judge(r, settings(GateSettings.Update.FALSE, false), new BaselineStore(settings(GateSettings.Update.FALSE, false))).comparison();
        assertEquals(Outcome.NO_BASELINE, c.outcomeValue());
        assertTrue(c.passed());
        assertTrue(c.advice().contains("-Dcompare.ref"), c.advice());
        Comparison required = BaselineJudge.judge(r, settings(GateSettings.Update.FALSE, true),
                new BaselineStore(settings(GateSettings.Update.FALSE, true))).comparison();
        assertFalse(required.passed());
        assertTrue(required.errors().get(0).contains("-Dbaseline.required=true"), required.errors().toString());
    }

    @Test
    void aBaselineJudgesOnlyOnceItHasItsMinimumRuns() throws Exception {
        BaselineStore store = new BaselineStore(settings(GateSettings.Update.APPEND, false));
        StatsFile first = run(1, 1.0);
        String done = store.update(first, null, true, Instant.parse("2026-11-27T14:00:00Z"));
        assertTrue(done.contains("record 4 more"), done);
        Comparison c = BaselineJudge.judge(run(2, 1.0), settings(GateSettings.Update.FALSE, false), store).comparison();
        assertEquals(Outcome.NOT_ENOUGH_DATA, c.outcomeValue());
        assertTrue(c.passed());
    }

    @Test
    void sameBuildIsNeverRegressedAndAThirtyPercentSlowerOneIs() throws Exception {
        BaselineStore store = recordFive();
        GateSettings judge = settings(GateSettings.Update.FALSE, false);
        for (long seed = 200; seed < 230; seed++) {
            Comparison same = BaselineJudge.judge(run(seed, 1.0), judge, store).comparison();
            assertNotEquals(Outcome.REGRESSED, same.outcomeValue(), "seed " + seed + ": " + same.metrics());
        }
        Comparison slower = BaselineJudge.judge(run(300, 1.3), judge, store).comparison();
        assertEquals(Outcome.REGRESSED, slower.outcomeValue(), slower.metrics().toString());
        assertFalse(slower.passed());
        assertTrue(slower.against().contains("5 runs"), slower.against());
    }

    @Test
    void anotherMachineOrTargetIsNotComparableAndNeverFailsTheBuild() throws Exception {
        BaselineStore store = recordFive();
        StatsFile elsewhere = new SyntheticRuns().with(s -> { s.cpuModel = "AMD EPYC"; s.scale = 3.0; }).build();
        Comparison c = BaselineJudge.judge(elsewhere, settings(GateSettings.Update.FALSE, false), store).comparison();
        assertEquals(Outcome.NOT_COMPARABLE, c.outcomeValue());
        assertTrue(c.passed());
        assertEquals(List.of("cpuModel: 'Test CPU @ 2.0GHz' -> 'AMD EPYC'"), c.notComparable());
        assertTrue(c.advice().contains("-Dcompare.ref"), c.advice());

        StatsFile otherEngine = new SyntheticRuns().with(s -> s.engineVersion = "2.8.0").build();
        Comparison o = BaselineJudge.judge(otherEngine, settings(GateSettings.Update.FALSE, false), store).comparison();
        assertEquals(Outcome.NO_BASELINE, o.outcomeValue(), "another target has baselines of its own");
    }

    @Test
    void updatesKeepEveryOldFileAndAFailedRunNeverBecomesABaseline() throws Exception {
        BaselineStore store = recordFive();
        Path file = store.file(run(1, 1.0));
        try (Stream<Path> history = Files.list(file.getParent().resolve("history"))) {
            assertEquals(4, history.count(), "each change archived the file before it");
        }
        StatsFile failed = new SyntheticRuns().with(s -> s.passed = false).build();
        String refused = store.update(failed, store.read(failed), true, Instant.now());
        assertTrue(refused.contains("failed its own checks"), refused);
        assertEquals(5, store.read(run(1, 1.0)).runs().size());

        BaselineStore fresh = new BaselineStore(settings(GateSettings.Update.NEW, false));
        String restarted = fresh.update(run(9, 1.0), fresh.read(run(9, 1.0)), true, Instant.parse("2026-11-28T10:00:00Z"));
        assertTrue(restarted.contains("replaced (new baseline)"), restarted);
        assertEquals(1, fresh.read(run(9, 1.0)).runs().size());
    }

    @Test
    void aCorruptBaselineIsAnErrorNamingItsFile() throws Exception {
        BaselineStore store = recordFive();
        Path file = store.file(run(1, 1.0));
        Files.writeString(file, "{\"schemaVersion\": 2, \"runs\": [");
        Comparison c = BaselineJudge.judge(run(1, 1.0), settings(GateSettings.Update.FALSE, false), store).comparison();
        assertEquals(Outcome.ERROR, c.outcomeValue());
        assertFalse(c.passed());
        assertTrue(c.errors().get(0).contains(file.toString()), c.errors().toString());
    }
}
