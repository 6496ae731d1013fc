package org.marlbench.bench.run;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.marlbench.bench.ab.AbJudge;
import org.marlbench.bench.baseline.BaselineJudge;
import org.marlbench.bench.baseline.BaselineStore;
import org.marlbench.bench.config.GateSettings;
import org.marlbench.bench.files.Json;
import org.marlbench.bench.history.HistoryFile;
import org.marlbench.bench.history.HistoryLines;
import org.marlbench.bench.history.TrendAnalysis;
import org.marlbench.bench.load.Traffic;
import org.marlbench.bench.report.ConsoleReport;
import org.marlbench.bench.report.ReportWriter;
import org.marlbench.bench.results.CheckResult;
import org.marlbench.bench.results.Comparison;
import org.marlbench.bench.results.HistoryLine;
import org.marlbench.bench.results.Injection;
import org.marlbench.bench.results.Outcome;
import org.marlbench.bench.results.RequestResult;
import org.marlbench.bench.results.StatsFile;
import org.marlbench.bench.results.TrendFinding;
import org.marlbench.bench.server.ServerSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything after the load, in one sequence, each step taking the previous one's typed output:
 * measured results → stats.json → comparison (A/B rounds, or the committed baseline) → history line
 * and trend → comparison.json → console → report. Returns {@value #PASSED} or the reasons the run fails.
 */
public final class Pipeline {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
    public static final String PASSED = "passed";

    private Pipeline() {
    }

    static String run(RunContext ctx, Traffic traffic, ServerSet servers, Injection injection,
                      Function<Map<String, RequestResult>, List<CheckResult>> latencyChecks) {
        List<String> failures = new ArrayList<>();
        Clock clock = Clock.systemUTC();
        StatsFile stats;
        try {
            stats = StatsStep.collect(ctx, traffic, servers, injection, latencyChecks);
            Json.write(ctx.outputDir().resolve(StatsFile.FILE_NAME), stats);
        } catch (IOException | RuntimeException e) {
            LOG.error("writing the benchmark results failed", e);
            return ctx.simulation() + " FAILED: writing the benchmark results failed: " + e;
        }
        Comparison comparison = afterStats(stats, ctx.settings().gate(), ctx.outputDir(), clock, ConsoleReport.stdout());
        stats.checks().stream().filter(c -> c.failsRun() && !c.passed()).forEach(c -> failures.add(c.toString()));
        failures.addAll(servers.deathReports());
        if (!comparison.passed()) {
            failures.add("comparison " + comparison.outcome() + (comparison.errors().isEmpty() ? "" : ": " + String.join("; ", comparison.errors())));
        }
        if (failures.isEmpty()) return PASSED;
        String verdict = ctx.simulation() + " FAILED: " + String.join("; ", failures);
        LOG.error(verdict);
        return verdict;
    }

    /**
     * The steps after stats.json, on the typed run (also what tests and tools call): judge, history and
     * trend, comparison.json, console, report. Never throws: a failing step becomes an error of the comparison.
     */
    public static Comparison afterStats(StatsFile stats, GateSettings gate, Path outputDir, Clock clock, ConsoleReport console) {
        Comparison comparison;
        try {
            comparison = judge(stats, gate, clock, console);
        } catch (RuntimeException e) {
            comparison = error(stats, "the comparison failed: " + e);
        }
        comparison = history(stats, comparison, gate, clock);
        try {
            Json.write(outputDir.resolve(Comparison.FILE_NAME), comparison);
        } catch (IOException e) {
            console.line("could not write " + outputDir.resolve(Comparison.FILE_NAME) + ": " + e);
        }
        console.run(stats, comparison);
        if (gate.writeReport()) {
            try {
                console.line("report: " + new ReportWriter(gate, clock).write(outputDir.getParent()));
            } catch (IOException | RuntimeException e) {
                console.box("REPORT NOT WRITTEN", List.of(outputDir.getParent() + ": " + e));
            }
        }
        return comparison;
    }

    /** A/B runs are judged on their rounds; plain runs against the committed baseline, which an update may then renew. */
    static Comparison judge(StatsFile stats, GateSettings gate, Clock clock, ConsoleReport console) {
        if (stats.ab() != null) return AbJudge.judge(stats, gate.thresholdPercent(), gate.warnOnly());
        if (stats.injection() != null && List.of("soak", "capacity").contains(stats.injection().profile())) {
            return new Comparison(Comparison.SCHEMA_VERSION, stats.simulation(), stats.configProfile(), "none",
                    Outcome.NOT_COMPARED.label(), true, gate.warnOnly(), "", List.of(), List.of(),
                    List.of("a " + stats.injection().profile() + " run is judged by its own verdict (the leak verdict, the knee), "
                            + "not compared with a baseline"), List.of(), List.of(), "");
        }
        BaselineStore store = new BaselineStore(gate);
        BaselineJudge.Judged judged = BaselineJudge.judge(stats, gate, store);
        Comparison c = judged.comparison();
        if (gate.enabled() && gate.update() != GateSettings.Update.FALSE && c.outcomeValue() != Outcome.ERROR) {
            try {
                String done = store.update(stats, judged.baseline(), judged.comparable(), clock.instant());
                List<String> messages = new ArrayList<>(c.messages());
                messages.add(done);
                // An explicit renewal is not failed by the old baseline's verdict.
                c = new Comparison(c.schemaVersion(), c.simulation(), c.configProfile(), c.mode(), c.outcome(), true,
                        c.warnOnly(), c.against(), c.metrics(), c.notComparable(), messages, c.errors(), c.trends(), c.advice());
            } catch (IOException e) {
                List<String> errors = new ArrayList<>(c.errors());
                errors.add("could not update the baseline " + store.file(stats) + ": " + e);
                c = new Comparison(c.schemaVersion(), c.simulation(), c.configProfile(), c.mode(), Outcome.ERROR.label(), false,
                        c.warnOnly(), c.against(), c.metrics(), c.notComparable(), c.messages(), errors, c.trends(), c.advice());
            }
        }
        return c;
    }

    /** Appends the run's line to the history and adds the trend found there. */
    static Comparison history(StatsFile stats, Comparison comparison, GateSettings gate, Clock clock) {
        HistoryFile history = new HistoryFile(gate.historyFile(stats.configProfile(), stats.simulation()));
        try {
            history.append(HistoryLines.of(stats, comparison, clock.instant().toString()), gate.historyMaxRuns());
            List<String> problems = new ArrayList<>();
            List<HistoryLine> lines = history.read(problems);
            List<HistoryLine> sameTarget = lines.stream()
                    .filter(l -> l.target() == null || l.target().equals(stats.target().key())).toList();
            List<TrendFinding> trends = TrendAnalysis.analyse(sameTarget, gate.trendRuns(), gate.trendHorizonRuns());
            return comparison.withTrends(trends, problems);
        } catch (IOException e) {
            return comparison.withTrends(List.of(), List.of("history " + history.path() + " could not be updated: " + e));
        }
    }

    static Comparison error(StatsFile stats, String message) {
        return new Comparison(Comparison.SCHEMA_VERSION, stats.simulation(), stats.configProfile(),
                stats.ab() != null ? "ab" : "baseline", Outcome.ERROR.label(), false, false, "", List.of(), List.of(),
                List.of(), List.of(message), List.of(), "");
    }
}
