package org.marlbench.bench.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BaselineGateTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    private Path baselineDir() {
        return tmp.resolve("results-baseline");
    }

    private Path benchmarkDir() {
        return tmp.resolve("target/benchmark");
    }

    private GateResult run(GateSettings settings, Path stats) {
        Clock clock = Clock.fixed(Instant.parse("2026-11-27T14:00:00Z"), ZoneOffset.UTC);
        return new BaselineGate(settings, new PrintStream(console, true, StandardCharsets.UTF_8), clock).run(stats);
    }

    private String console() {
        return console.toString(StandardCharsets.UTF_8);
    }

    @Test
    void missingBaselineSaysSoAndPasses() throws Exception {
        Path stats = new SyntheticStats().writeRun(benchmarkDir());
        GateResult r = run(GateSettings.defaults(baselineDir()), stats);
        assertEquals(GateOutcome.NO_BASELINE, r.outcome());
        assertTrue(r.passed());
        assertTrue(console().contains("no baseline for ConcurrentUsersSimulation (profile quick): comparison skipped "
                + "-- record one with -Dbaseline.update=true"), console());
        JsonNode comparison = StatsDocument.JSON.readTree(stats.resolveSibling("comparison.json").toFile());
        assertEquals("no baseline", comparison.path("outcome").asText());
        assertTrue(Files.exists(benchmarkDir().resolve("report.txt")));
        assertTrue(Files.exists(benchmarkDir().resolve("report.html")));
    }

    @Test
    void sameDistributionPassesAndSlowerRunFails() throws Exception {
        new SyntheticStats().with(s -> s.seed = 10).writeBaseline(baselineDir());
        GateResult same = run(GateSettings.defaults(baselineDir()), new SyntheticStats().with(s -> s.seed = 11).writeRun(benchmarkDir()));
        assertEquals(GateOutcome.UNCHANGED, same.outcome(), console());
        assertTrue(same.passed());

        GateResult slower = run(GateSettings.defaults(baselineDir()),
                new SyntheticStats().with(s -> { s.seed = 12; s.scale = 1.4; }).writeRun(benchmarkDir()));
        assertEquals(GateOutcome.REGRESSED, slower.outcome());
        assertFalse(slower.passed());
        assertTrue(console().contains("PERFORMANCE REGRESSION: ConcurrentUsersSimulation"), console());
    }

    @Test
    void warnOnlyReportsTheRegressionWithoutFailing() throws Exception {
        new SyntheticStats().with(s -> s.seed = 10).writeBaseline(baselineDir());
        GateResult r = run(GateSettings.defaults(baselineDir()).withWarnOnly(true),
                new SyntheticStats().with(s -> { s.seed = 12; s.scale = 1.4; }).writeRun(benchmarkDir()));
        assertEquals(GateOutcome.REGRESSED, r.outcome());
        assertTrue(r.passed());
        assertTrue(console().contains("not failing: -Dbaseline.warnOnly=true"), console());
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "truncated", "missingFields", "badHistogram", "empty", "wrongProfile"})
    void corruptBaselineIsAClearErrorNamingTheFile(String kind) throws Exception {
        Path file = new SyntheticStats().writeBaseline(baselineDir());
        String good = Files.readString(file);
        switch (kind) {
            case "garbage" -> Files.writeString(file, "this is not json at all \u0000\u0001");
            case "truncated" -> Files.writeString(file, good.substring(0, good.length() / 2));
            case "missingFields" -> Files.writeString(file, "{\"simulation\": \"ConcurrentUsersSimulation\", \"configProfile\": \"quick\"}");
            case "badHistogram" -> Files.writeString(file, good.replaceFirst("\"histogram\" : \"[^\"]+\"", "\"histogram\" : \"QUJD\""));
            case "empty" -> Files.writeString(file, "");
            case "wrongProfile" -> Files.writeString(file, good.replace("\"configProfile\" : \"quick\"", "\"configProfile\" : \"default\""));
            default -> throw new IllegalArgumentException(kind);
        }
        GateResult r = run(GateSettings.defaults(baselineDir()), new SyntheticStats().writeRun(benchmarkDir()));
        assertEquals(GateOutcome.ERROR, r.outcome(), console());
        assertFalse(r.passed());
        assertTrue(r.errors().get(0).contains(file.toString()), r.errors().toString());
        assertTrue(console().contains("BASELINE: ERROR") && console().contains(file.toString()), console());
        assertEquals(Files.exists(file), true, "a corrupt baseline is never deleted");
    }

    @Test
    void updateKeepsThePreviousBaselineInHistory() throws Exception {
        Path file = new SyntheticStats().with(s -> s.seed = 10).writeBaseline(baselineDir());
        String previous = Files.readString(file);
        GateResult r = run(GateSettings.defaults(baselineDir()).withUpdate(true),
                new SyntheticStats().with(s -> { s.seed = 20; s.gitCommit = "def5678"; }).writeRun(benchmarkDir()));
        assertTrue(r.passed());
        Path archived = baselineDir().resolve("quick/history/ConcurrentUsersSimulation-2026-11-01T10-00-00Z.json");
        assertEquals(previous, Files.readString(archived));
        JsonNode renewed = StatsDocument.JSON.readTree(file.toFile());
        assertEquals("def5678", renewed.path("gitCommit").asText());
        assertEquals("2026-11-27T14:00:00Z", renewed.path("baselineRecordedAt").asText());
        assertTrue(renewed.path("requests").path("decision").path("client").path("histogram").isTextual());
    }

    @Test
    void updateRecordsAFirstBaselineAndARenewalOfACorruptOneKeepsTheBrokenFile() throws Exception {
        GateSettings update = GateSettings.defaults(baselineDir()).withUpdate(true);
        Path stats = new SyntheticStats().writeRun(benchmarkDir());
        assertTrue(run(update, stats).passed());
        Path file = baselineDir().resolve("quick/ConcurrentUsersSimulation.json");
        assertTrue(Files.exists(file));
        Files.writeString(file, "{broken");
        GateResult r = run(update, stats);
        assertTrue(r.passed(), console());
        try (Stream<Path> history = Files.list(baselineDir().resolve("quick/history"))) {
            List<Path> archived = history.filter(p -> p.toString().endsWith(".json")).toList();
            assertEquals(1, archived.size());
            assertEquals("{broken", Files.readString(archived.get(0)));
        }
        StatsDocument.read(file);
    }

    @Test
    void aFailedRunNeverBecomesTheBaseline() throws Exception {
        Path file = new SyntheticStats().with(s -> s.seed = 10).writeBaseline(baselineDir());
        String previous = Files.readString(file);
        GateResult r = run(GateSettings.defaults(baselineDir()).withUpdate(true),
                new SyntheticStats().with(s -> { s.seed = 21; s.status = "failed"; }).writeRun(benchmarkDir()));
        assertEquals(previous, Files.readString(file));
        assertFalse(Files.exists(baselineDir().resolve("quick/history/ConcurrentUsersSimulation-2026-11-01T10-00-00Z.json")));
        assertTrue(console().contains("does not become the baseline"), console());
        assertTrue(r.passed());

        Path fresh = tmp.resolve("fresh");
        run(GateSettings.defaults(fresh).withUpdate(true),
                new SyntheticStats().with(s -> s.status = "failed").writeRun(benchmarkDir()));
        assertFalse(Files.exists(fresh.resolve("quick/ConcurrentUsersSimulation.json")));
    }

    @Test
    void profilesHaveSeparateBaselines() throws Exception {
        new SyntheticStats().with(s -> s.profile = "default").writeBaseline(baselineDir());
        GateResult r = run(GateSettings.defaults(baselineDir()), new SyntheticStats().writeRun(benchmarkDir()));
        assertEquals(GateOutcome.NO_BASELINE, r.outcome());
    }

    @Test
    void fingerprintMismatchIsABoxedWarning() throws Exception {
        new SyntheticStats().with(s -> s.seed = 10).writeBaseline(baselineDir());
        GateResult r = run(GateSettings.defaults(baselineDir()),
                new SyntheticStats().with(s -> { s.seed = 11; s.cores = 8; s.cpuModel = "Other CPU"; }).writeRun(benchmarkDir()));
        assertEquals(List.of("cpuModel: 'Test CPU @ 2.0GHz' -> 'Other CPU'", "cores: '2' -> '8'"), r.fingerprintDifferences());
        assertTrue(console().contains("# WARNING: MACHINE FINGERPRINT DIFFERS FROM BASELINE"), console());
        String report = Files.readString(benchmarkDir().resolve("report.txt"));
        assertTrue(report.contains("machine fingerprint differs from baseline: cores: '2' -> '8'"), report);
    }

    @Test
    void disabledComparisonStillKeepsHistory() throws Exception {
        GateResult r = run(GateSettings.defaults(baselineDir()).withEnabled(false), new SyntheticStats().writeRun(benchmarkDir()));
        assertEquals(GateOutcome.DISABLED, r.outcome());
        assertTrue(r.passed());
        assertEquals(1, Files.readAllLines(baselineDir().resolve("quick/history/ConcurrentUsersSimulation.jsonl")).size());
    }

    @Test
    void unreadableRunStatsFailsWithoutCrashing() throws Exception {
        Path stats = benchmarkDir().resolve("X/stats.json");
        Files.createDirectories(stats.getParent());
        Files.writeString(stats, "{\"simulation\": 3}");
        GateResult r = run(GateSettings.defaults(baselineDir()), stats);
        assertEquals(GateOutcome.ERROR, r.outcome());
        assertFalse(r.passed());
        assertTrue(console().contains(stats.toString()));
    }

    @Test
    void staticEntryPointReadsSystemProperties() throws Exception {
        Path stats = new SyntheticStats().with(s -> { s.seed = 12; s.scale = 1.4; }).writeRun(benchmarkDir());
        new SyntheticStats().with(s -> s.seed = 10).writeBaseline(baselineDir());
        System.setProperty("baseline.dir", baselineDir().toString());
        try {
            assertFalse(BaselineGate.afterRun(stats));
            System.setProperty("baseline.warnOnly", "true");
            assertTrue(BaselineGate.afterRun(stats));
            System.setProperty("baseline.warnOnly", "maybe");
            assertFalse(BaselineGate.afterRun(stats), "a bad setting is an error, not a silent default");
        } finally {
            System.clearProperty("baseline.dir");
            System.clearProperty("baseline.warnOnly");
        }
    }

    @Test
    void deterioratingHistoryRaisesAnEarlyWarningInConsoleAndReport() throws Exception {
        GateResult last = null;
        for (int i = 0; i < 6; i++) {
            final int run = i;
            Path stats = new SyntheticStats().with(s -> { s.seed = 300 + run; s.scale = 1.0 + 0.08 * run; s.targetP95Ms = 2.2; })
                    .writeRun(benchmarkDir());
            last = run(GateSettings.defaults(baselineDir()), stats);
        }
        assertTrue(last.trends().get(0).warns(), last.trends().toString());
        assertTrue(console().contains("# EARLY WARNING: PERFORMANCE TREND"), console());
        String report = Files.readString(benchmarkDir().resolve("report.txt"));
        assertTrue(report.contains("trend: client p95 is deteriorating"), report);
        assertEquals(6, Files.readAllLines(baselineDir().resolve("quick/history/ConcurrentUsersSimulation.jsonl")).size());
    }
}
