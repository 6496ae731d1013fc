package org.marlbench.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marlbench.bench.baseline.BaselineGate;
import org.marlbench.bench.baseline.GateSettings;
import org.marlbench.bench.baseline.SyntheticStats;

class BenchmarkReportTest {
    @TempDir
    Path tmp;

    /** Two simulations, a baseline, six runs of history with a worsening p95, one regressed run with GC and fallbacks. */
    private Path benchmark() throws Exception {
        Path baselineDir = tmp.resolve("results-baseline");
        Path benchmarkDir = tmp.resolve("target/benchmark");
        new SyntheticStats().with(s -> s.seed = 1).writeBaseline(baselineDir);
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        for (int i = 0; i < 6; i++) {
            final int run = i;
            Path stats = new SyntheticStats().with(s -> {
                s.seed = 100 + run;
                s.scale = 1.0 + 0.1 * run;
                s.throughput = 1000 - 50 * run;
                s.gcTimeMsDelta = run == 5 ? 900 : 0;
                s.fallbacksDelta = run == 5 ? 3 : 0;
                s.sigma = run == 5 ? 1.0 : 0.35;
            }).writeRun(benchmarkDir);
            Clock clock = Clock.fixed(Instant.parse("2026-11-27T14:00:00Z").plusSeconds(60L * i), ZoneOffset.UTC);
            new BaselineGate(GateSettings.defaults(baselineDir), quiet, clock).run(stats);
        }
        Path other = new SyntheticStats().with(s -> { s.simulation = "SpikeSimulation"; s.count = 60; }).writeRun(benchmarkDir);
        new BaselineGate(GateSettings.defaults(baselineDir), quiet, Clock.systemUTC()).run(other);
        return benchmarkDir;
    }

    @Test
    void textReportHasTheBannerAndEverySection() throws Exception {
        String txt = Files.readString(benchmark().resolve("report.txt"));
        String[] lines = txt.split("\n");
        assertEquals("=".repeat(80), lines[0]);
        assertEquals("STRATEGIC MARL COMPONENT PERFORMANCE BENCHMARK REPORT", lines[1]);
        assertEquals("=".repeat(80), lines[2]);
        assertTrue(lines[3].startsWith("Generated: "));
        assertEquals("Target: http://127.0.0.1:41234 / PyTorch 2.7.1", lines[4]);
        assertTrue(txt.contains("Overall Status: FAILED"), txt);
        assertTrue(txt.contains("Test: ConcurrentUsersSimulation (profile quick, commit abc1234)"), txt);
        assertTrue(txt.contains("Test: SpikeSimulation"), txt);
        assertTrue(txt.matches("(?s).*  P50 Latency: \\d+\\.\\d{3}ms.*"), txt);
        assertTrue(txt.matches("(?s).*  Throughput: \\d+\\.\\d ops/sec.*"), txt);
        assertTrue(txt.contains("  Error Rate: 0.00%"), txt);
        assertTrue(txt.contains("  Failures:\n    - regression: client p50"), txt);
        assertTrue(txt.contains("    - regression: client p95 ratio"), txt);
        assertTrue(txt.contains("Regressed against the baseline of commit abc1234: client p50 +"), txt);
        assertTrue(txt.contains("  Warnings:"), txt);
        assertTrue(txt.contains("  Recommendations:"), txt);
        // evidence-bearing recommendations derived from the regressed run
        assertTrue(txt.contains("with 12 GCs taking 900 ms"), txt);
        assertTrue(txt.contains("3 agent fallbacks during the run (fallbacksDelta)"), txt);
        assertTrue(txt.contains("Only 60 measured requests: a p99 claim needs >= 459"), txt);
        assertTrue(txt.contains("no baseline: comparison skipped"), txt);
    }

    @Test
    void htmlReportIsSelfContained() throws Exception {
        String html = Files.readString(benchmark().resolve("report.html"));
        assertFalse(html.contains("http://"), "network reference in report.html");
        assertFalse(html.contains("https://"), "network reference in report.html");
        assertFalse(html.contains("<link"));
        assertFalse(html.contains(" src="));
        assertTrue(html.contains("<script type=\"application/json\" id=\"bench-data\">"));
        assertTrue(html.contains("data-charts-drawn"));
        // bars, percentile curve, RSS, CPU, p95 history, throughput history for the first; 4 for the one-run second
        assertTrue(html.contains("data-charts-expected=\"10\""), html.substring(0, Math.min(2000, html.length())));
        assertTrue(html.contains("<td class=\"v-regressed\">regressed</td>"));
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
        assertTrue(out.contains("expected=10 drawn=10"), out);
        assertTrue(Files.size(tmp.resolve("shot.png")) > 10_000, out);
        // kept for a person to look at: simulations/target/report-check/
        Path keep = Path.of("target/report-check");
        Files.createDirectories(keep);
        Files.copy(tmp.resolve("shot.png"), keep.resolve("report-screenshot.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(html, keep.resolve("report.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
