package org.marlbench.bench.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.marlbench.bench.history.AtomicFiles;
import org.marlbench.bench.history.HistoryEntry;
import org.marlbench.bench.history.HistoryFile;
import org.marlbench.bench.history.TrendAnalysis;
import org.marlbench.bench.history.TrendFinding;
import org.marlbench.bench.report.BenchmarkReport;

/**
 * Entry point the simulations call after writing stats.json: compare with the committed
 * baseline, optionally renew it, append to the history, look at trends, write comparison.json
 * and regenerate the benchmark report. Returns false only when the run must fail.
 */
public final class BaselineGate {
    private final GateSettings settings;
    private final PrintStream out;
    private final Clock clock;

    public BaselineGate(GateSettings settings, PrintStream out, Clock clock) {
        this.settings = settings;
        this.out = out;
        this.clock = clock;
    }

    /** Called by every simulation; settings from system properties. */
    public static boolean afterRun(Path statsJson) {
        GateSettings settings;
        try {
            settings = GateSettings.fromSystemProperties(statsJson);
        } catch (IllegalArgumentException e) {
            System.out.println(ConsoleBox.box("BASELINE: BAD SETTING", List.of(e.getMessage())));
            return false;
        }
        return new BaselineGate(settings, System.out, Clock.systemUTC()).run(statsJson).passed();
    }

    public GateResult run(Path statsJson) {
        StatsDocument current;
        try {
            current = StatsDocument.read(statsJson);
        } catch (StatsFileException e) {
            GateResult broken = new GateResult(String.valueOf(statsJson.getParent().getFileName()), "?");
            broken.outcome = GateOutcome.ERROR;
            broken.errors.add("the run's own stats file is unusable: " + e.getMessage());
            out.println(ConsoleBox.box("BASELINE: ERROR", broken.errors));
            return broken;
        }
        GateResult result = new GateResult(current.simulation(), current.profile());
        result.warnOnly = settings.warnOnly();
        try {
            compareWithBaseline(current, result);
            if (settings.update()) {
                renew(current, result);
            }
            appendHistoryAndTrends(current, result);
        } catch (RuntimeException e) {
            result.outcome = GateOutcome.ERROR;
            result.errors.add("baseline step failed: " + e);
        }
        print(result);
        writeComparison(statsJson, result);
        if (settings.writeReport()) {
            regenerateReport(statsJson);
        }
        return result;
    }

    private void compareWithBaseline(StatsDocument current, GateResult result) {
        if (!settings.enabled()) {
            result.outcome = GateOutcome.DISABLED;
            result.messages.add("baseline comparison disabled (-Dbaseline.enabled=false)");
            return;
        }
        Path file = settings.baselineFile(current.profile(), current.simulation());
        result.baselineFile = file.toString();
        if (!Files.exists(file)) {
            result.outcome = GateOutcome.NO_BASELINE;
            result.messages.add("no baseline for " + current.simulation() + " (profile " + current.profile()
                    + "): comparison skipped -- record one with -Dbaseline.update=true (expected at " + file + ")");
            return;
        }
        try {
            StatsDocument baseline = StatsDocument.read(file);
            checkSameRun(file, baseline, current);
            result.baselineRecordedAt = baseline.root().path("baselineRecordedAt").asText("unknown");
            result.baselineCommit = baseline.gitCommit();
            result.metrics.addAll(new BaselineComparator().compare(baseline, current));
            result.outcome = GateOutcome.of(result.metrics);
            result.fingerprintDifferences.addAll(FingerprintCheck.differences(baseline.machine(), current.machine()));
        } catch (StatsFileException e) {
            result.outcome = GateOutcome.ERROR;
            result.errors.add("baseline file is unusable: " + e.getMessage()
                    + " -- fix it, or renew it explicitly with -Dbaseline.update=true (the broken file is kept in history/)");
        }
    }

    private static void checkSameRun(Path file, StatsDocument baseline, StatsDocument current) throws StatsFileException {
        if (!baseline.simulation().equals(current.simulation())) {
            throw new StatsFileException(file, "holds simulation '" + baseline.simulation() + "', expected '" + current.simulation() + "'");
        }
        if (!baseline.profile().equals(current.profile())) {
            throw new StatsFileException(file, "was recorded with profile '" + baseline.profile()
                    + "' but serves profile '" + current.profile() + "'");
        }
    }

    private void renew(StatsDocument current, GateResult result) {
        if (!"passed".equals(current.status())) {
            result.messages.add("-Dbaseline.update=true ignored: this run's status is '" + current.status()
                    + "' (failed its own checks), so it does not become the baseline; the existing one is unchanged");
            return;
        }
        try {
            result.messages.add(new BaselineStore(settings).renew(current, clock.instant()));
            result.baselineRenewed = true;
            if (result.outcome == GateOutcome.REGRESSED || result.outcome == GateOutcome.ERROR) {
                result.messages.add("the previous baseline's verdict (" + result.outcome.label()
                        + ") does not fail this run because the baseline was renewed on purpose");
                if (result.outcome == GateOutcome.ERROR) {
                    result.outcome = GateOutcome.NO_BASELINE;
                }
            }
        } catch (IOException e) {
            result.outcome = GateOutcome.ERROR;
            result.errors.add("could not renew baseline " + settings.baselineFile(current.profile(), current.simulation()) + ": " + e);
        }
    }

    private void appendHistoryAndTrends(StatsDocument current, GateResult result) {
        HistoryFile history = new HistoryFile(settings.historyFile(current.profile(), current.simulation()));
        try {
            history.append(HistoryEntry.of(current, result.outcome.label(), clock.instant().toString()), settings.historyMaxRuns());
            List<String> problems = new ArrayList<>();
            List<JsonNode> entries = history.read(problems);
            result.messages.addAll(problems);
            result.trends.addAll(TrendAnalysis.analyse(entries, settings.trendRuns(), settings.trendHorizonRuns()));
        } catch (IOException e) {
            result.errors.add("history " + history.path() + " could not be updated: " + e);
        }
    }

    private void print(GateResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%n[baseline] %s (profile %s): %s%s%n", r.simulation, r.profile,
                r.outcome.label().toUpperCase(Locale.ROOT), r.passed() ? "" : " -- RUN FAILS"));
        if (!r.baselineRecordedAt.isEmpty()) {
            sb.append("[baseline] against ").append(r.baselineFile).append(" recorded ").append(r.baselineRecordedAt)
                    .append(" at commit ").append(r.baselineCommit).append('\n');
        }
        for (MetricComparison m : r.metrics) {
            sb.append(String.format(Locale.ROOT, "[baseline]   %-18s %14s -> %-14s %-16s %s%n", m.metric(),
                    fmt(m.baselineValue()), fmt(m.currentValue()) + " " + m.unit(), m.verdict().label(), m.rule()));
        }
        r.messages.forEach(msg -> sb.append("[baseline] ").append(msg).append('\n'));
        out.print(sb);
        if (r.outcome == GateOutcome.REGRESSED) {
            List<String> lines = r.metrics.stream().filter(m -> m.verdict() == Verdict.REGRESSED)
                    .map(m -> m.metric() + ": " + fmt(m.baselineValue()) + " -> " + fmt(m.currentValue()) + " " + m.unit()
                            + String.format(Locale.ROOT, " (%+.1f %%)", m.changePercent()))
                    .toList();
            String title = r.passed() ? "PERFORMANCE REGRESSION (not failing: "
                    + (r.baselineRenewed ? "baseline renewed" : "-Dbaseline.warnOnly=true") + ")"
                    : "PERFORMANCE REGRESSION: " + r.simulation + " (profile " + r.profile + ")";
            out.println(ConsoleBox.box(title, lines));
        }
        if (!r.fingerprintDifferences.isEmpty()) {
            List<String> lines = new ArrayList<>(r.fingerprintDifferences);
            lines.add("");
            lines.add("baseline and run come from different machines/software: the comparison is not like for like.");
            lines.add("renew the baseline on this machine with -Dbaseline.update=true if this is the new reference.");
            out.println(ConsoleBox.box("WARNING: MACHINE FINGERPRINT DIFFERS FROM BASELINE", lines));
        }
        List<String> trendWarnings = r.trends.stream().filter(TrendFinding::warns).map(TrendFinding::warning).toList();
        if (!trendWarnings.isEmpty()) {
            out.println(ConsoleBox.box("EARLY WARNING: PERFORMANCE TREND", trendWarnings));
        }
        if (!r.errors.isEmpty()) {
            out.println(ConsoleBox.box("BASELINE: ERROR", r.errors));
        }
    }

    private void writeComparison(Path statsJson, GateResult result) {
        Path target = statsJson.toAbsolutePath().getParent().resolve(GateResult.FILE_NAME);
        try {
            AtomicFiles.write(target, StatsDocument.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result.toJson()) + "\n");
        } catch (IOException e) {
            out.println("[baseline] could not write " + target + ": " + e);
        }
    }

    private void regenerateReport(Path statsJson) {
        Path benchmarkDir = statsJson.toAbsolutePath().getParent().getParent();
        try {
            List<Path> written = new BenchmarkReport(settings, clock).write(benchmarkDir);
            out.println("[baseline] report: " + written);
        } catch (IOException | RuntimeException e) {
            out.println(ConsoleBox.box("REPORT NOT WRITTEN", List.of(benchmarkDir + ": " + e)));
        }
    }

    static String fmt(double v) {
        if (!Double.isFinite(v)) {
            return "-";
        }
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.3f", v);
    }

}
