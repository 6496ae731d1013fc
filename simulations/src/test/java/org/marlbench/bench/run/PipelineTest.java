package org.marlbench.bench.run;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marlbench.bench.config.GateSettings;
import org.marlbench.bench.files.Json;
import org.marlbench.bench.history.HistoryFile;
import org.marlbench.bench.report.ConsoleReport;
import org.marlbench.bench.results.Comparison;
import org.marlbench.bench.results.Outcome;
import org.marlbench.bench.results.StatsFile;
import org.marlbench.bench.testing.SyntheticRuns;

/** The sequence after stats.json: comparison, history, comparison.json, console, report. */
class PipelineTest {
    @TempDir
    Path tmp;
    final ByteArrayOutputStream console = new ByteArrayOutputStream();

    GateSettings gate(boolean enabled, GateSettings.Update update) {
        Path dir = tmp.resolve("results-baseline");
        return new GateSettings(enabled, false, false, update, 5, 10, dir, dir, 100, 10, 5, true, 20);
    }

    Comparison after(StatsFile stats, GateSettings gate) {
        Path out = tmp.resolve("benchmark").resolve(stats.simulation());
        return Pipeline.afterStats(stats, gate, out, Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC),
                new ConsoleReport(new PrintStream(console, true, StandardCharsets.UTF_8)));
    }

    @Test
    void withTheBaselineDisabledTheHistoryLineAndTheReportAreStillWritten() throws Exception {
        StatsFile s = new SyntheticRuns().writeRun(tmp.resolve("benchmark"));
        Comparison c = after(s, gate(false, GateSettings.Update.FALSE));
        assertEquals(Outcome.DISABLED, c.outcomeValue());
        assertTrue(c.passed());
        assertEquals(1, new HistoryFile(gate(false, GateSettings.Update.FALSE).historyFile("quick", s.simulation()))
                .read(new ArrayList<>()).size(), "history line written");
        assertTrue(Files.exists(tmp.resolve("benchmark/report.txt")));
        assertTrue(Files.exists(tmp.resolve("benchmark/report.html")));
        assertEquals(c, Json.readVersioned(tmp.resolve("benchmark").resolve(s.simulation()).resolve(Comparison.FILE_NAME),
                Comparison.class, Comparison.SCHEMA_VERSION), "comparison.json holds what the pipeline returned");
    }

    @Test
    void anAbRunIsJudgedOnItsRoundsAndNeverTouchesTheBaselines() throws Exception {
        StatsFile s = new SyntheticRuns().with(x -> { x.ab = true; x.trueRatio = 1.3; }).writeRun(tmp.resolve("benchmark"));
        Comparison c = after(s, gate(true, GateSettings.Update.APPEND));
        assertEquals("ab", c.mode());
        assertEquals(Outcome.REGRESSED, c.outcomeValue());
        assertFalse(c.passed());
        assertFalse(Files.exists(tmp.resolve("results-baseline/quick/pytorch-2.7.1-seeded")), "no baseline written by an A/B run");
        String out = console.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("PERFORMANCE REGRESSION: ConcurrentUsersSimulation"), out);
        assertTrue(out.contains("[comparison] ConcurrentUsersSimulation (profile quick, A/B): REGRESSED -- RUN FAILS"), out);
    }

    @Test
    void aRenewalRecordsTheRunAndIsNotFailedByTheOldBaseline() throws Exception {
        for (int i = 0; i < 5; i++) {
            final int seed = i;
            after(new SyntheticRuns().with(x -> x.seed = seed).writeRun(tmp.resolve("benchmark")), gate(true, GateSettings.Update.APPEND));
        }
        StatsFile slower = new SyntheticRuns().with(x -> { x.seed = 9; x.scale = 1.5; x.windowSeconds = 15; }).writeRun(tmp.resolve("benchmark"));
        assertFalse(after(slower, gate(true, GateSettings.Update.FALSE)).passed(), "regressed against 5 runs");
        Comparison renewed = after(slower, gate(true, GateSettings.Update.NEW));
        assertTrue(renewed.passed(), renewed.toString());
        assertTrue(renewed.messages().stream().anyMatch(m -> m.contains("replaced (new baseline)")), renewed.messages().toString());
    }
}
