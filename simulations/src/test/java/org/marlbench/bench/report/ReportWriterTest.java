package org.marlbench.bench.report;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marlbench.bench.config.GateSettings;
import org.marlbench.bench.results.LatencyBlock;
import org.marlbench.bench.results.RequestResult;
import org.marlbench.bench.run.Pipeline;
import org.marlbench.bench.stats.Histograms;
import org.marlbench.bench.testing.SyntheticRuns;

class ReportWriterTest {
    @TempDir
    Path tmp;

    /**
     * A baseline of five runs, then six more with a worsening p95 and throughput (the last regressed,
     * with GC and fallbacks), an A/B run of another simulation, a tiny one, and an unreadable one.
     */
    private Path benchmark() throws Exception {
        Path baselines = tmp.resolve("results-baseline");
        Path benchmark = tmp.resolve("target/benchmark");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        GateSettings record = new GateSettings(true, false, false, GateSettings.Update.APPEND, 5, 10, baselines, baselines, 100, 10, 5, true, 20);
        GateSettings judge = new GateSettings(true, false, false, GateSettings.Update.FALSE, 5, 10, baselines, baselines, 100, 10, 5, true, 20);
        for (int i = 0; i < 11; i++) {
            final int run = i;
            var stats = new SyntheticRuns().with(s -> {
                s.seed = 100 + run;
                double worse = run < 5 ? 1.0 : 1.0 + 0.1 * (run - 4);
                s.scale = worse;
                s.windowSeconds = 10 * worse;
                s.gcTimeMsDelta = run == 10 ? 900 : 0;
                s.fallbacksDelta = run == 10 ? 3 : 0;
                s.sigma = run == 10 ? 1.0 : 0.35;
            }).writeRun(benchmark);
            Clock clock = Clock.fixed(Instant.parse("2026-11-27T14:00:00Z").plusSeconds(60L * i), ZoneOffset.UTC);
            Pipeline.afterStats(stats, run < 5 ? record : judge, benchmark.resolve(stats.simulation()), clock, new ConsoleReport(quiet));
        }
        var ab = new SyntheticRuns().with(s -> { s.simulation = "SingleInferenceSimulation"; s.ab = true; }).writeRun(benchmark);
        Pipeline.afterStats(ab, judge, benchmark.resolve(ab.simulation()), Clock.systemUTC(), new ConsoleReport(quiet));
        var tiny = new SyntheticRuns().with(s -> { s.simulation = "SpikeSimulation"; s.count = 60; }).writeRun(benchmark);
        Pipeline.afterStats(tiny, judge, benchmark.resolve(tiny.simulation()), Clock.systemUTC(), new ConsoleReport(quiet));
        Files.createDirectories(benchmark.resolve("OldSimulation"));
        Files.writeString(benchmark.resolve("OldSimulation/stats.json"), "{\"schemaVersion\": 1}");
        new ReportWriter(judge, Clock.systemUTC()).write(benchmark);
        return benchmark;
    }

    @Test
    void textReportHasTheBannerAndEverySection() throws Exception {
        String txt = Files.readString(benchmark().resolve("report.txt"));
        String[] lines = txt.split("\n");
        assertEquals("=".repeat(80), lines[0]);
        assertEquals("STRATEGIC MARL COMPONENT PERFORMANCE BENCHMARK REPORT", lines[1]);
        assertTrue(lines[3].startsWith("Generated: "));
        assertEquals("Target: http://127.0.0.1:41234 / PyTorch 2.7.1, model seeded (commit abc1234)", lines[4]);
        assertTrue(lines[5].startsWith("Reference (A/B): "), lines[5]);
        assertTrue(txt.contains("Overall Status: FAILED"), txt);
        assertTrue(txt.contains("Test: ConcurrentUsersSimulation (profile quick, commit abc1234)"), txt);
        assertTrue(txt.contains("Test: OldSimulation\n  Status: FAILED"), txt);
        assertTrue(txt.contains("schemaVersion 1, this build reads [2]"), txt);
        assertTrue(txt.matches("(?s).*  P50 Latency: \\d+\\.\\d{3}ms.*"), txt);
        assertTrue(txt.contains("  Warm-up: 3.0 s, 1500 requests, steady (converged)"), txt);
        assertTrue(txt.contains("  Comparison (baseline): REGRESSED against "), txt);
        assertTrue(txt.contains("  Comparison (A/B, same run): UNCHANGED against reference PyTorch 2.7.1"), txt);
        assertTrue(txt.contains("    - regression: client p50: current/reference"), txt);
        assertTrue(txt.contains("with 12 GCs taking 900 ms"), txt);
        assertTrue(txt.contains("3 decisions had agents fall back"), txt);
        assertTrue(txt.contains("Only 60 measured requests: a p99 claim needs >= 459"), txt);
        assertTrue(txt.contains("no baseline: comparison skipped"), txt);
    }

    @Test
    void htmlReportIsSelfContainedWithItsCharts() throws Exception {
        String html = Files.readString(benchmark().resolve("report.html"));
        assertFalse(html.contains("http://"), "network reference in report.html");
        assertFalse(html.contains("https://"), "network reference in report.html");
        assertFalse(html.contains("<link"));
        assertFalse(html.contains(" src="));
        assertTrue(html.contains("<script type=\"application/json\" id=\"bench-data\">"));
        // Concurrent: bars, curve, timeline, rss, cpu, 2 history; Single A/B: bars, curve, timeline, rounds, rss, cpu;
        // Spike: bars (current only), curve, timeline, rss, cpu; Old: none
        assertTrue(html.contains("data-charts-expected=\"18\""), html.substring(0, Math.min(3000, html.length())));
        assertTrue(html.contains("<td class=\"v-regressed\">regressed</td>"));
        assertTrue(html.contains("data-kind=\"rounds\""));
        assertTrue(html.contains("data-kind=\"timeline\""));
    }

    @Test
    void chartsDrawInHeadlessChromium() throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(chromium), "chromium not installed");
        Path html = benchmark().resolve("report.html");
        Process p = new ProcessBuilder("bash", "scripts/check-report.sh", html.toString(), tmp.resolve("shot.png").toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("expected=18 drawn=18"), out);
        assertTrue(Files.size(tmp.resolve("shot.png")) > 10_000, out);
        Path keep = Path.of("target/report-check");
        Files.createDirectories(keep);
        Files.copy(tmp.resolve("shot.png"), keep.resolve("report-screenshot.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(html, keep.resolve("report.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void deliberateErrorAnswersAreNotServerErrors() {
        LatencyBlock empty = LatencyBlock.of(Histograms.newPlain());
        RequestResult one = new RequestResult(1, 0, 0, 0, 0, empty, empty, empty, empty);
        RequestResult twoOneFailed = new RequestResult(2, 1, 0.5, 0, 0, empty, empty, empty, empty);
        assertEquals(2, Recommendations.expectedErrorAnswers(Map.of("invalid: bad_shape", one, "invalid: too_large", twoOneFailed,
                "decision", new RequestResult(500, 3, 0, 0, 0, empty, empty, empty, empty))));
    }
}
