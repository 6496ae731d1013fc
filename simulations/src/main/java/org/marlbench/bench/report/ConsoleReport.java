package org.marlbench.bench.report;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.marlbench.bench.results.Comparison;
import org.marlbench.bench.results.MetricVerdict;
import org.marlbench.bench.results.StatsFile;
import org.marlbench.bench.results.TrendFinding;

/**
 * What a run prints after the load, beside Gatling's own summary: the µs table and checks, the
 * comparison metric by metric, and boxes for what must not be missed (a regression, an
 * inconclusive verdict, a baseline from another machine, a trend, an error).
 */
public final class ConsoleReport {
    private final PrintStream out;

    public ConsoleReport(PrintStream out) {
        this.out = out;
    }

    public static ConsoleReport stdout() {
        return new ConsoleReport(System.out);
    }

    public void line(String text) {
        out.println("[benchmark] " + text);
    }

    public void box(String title, List<String> lines) {
        out.println(ConsoleBox.box(title, lines));
    }

    public void run(StatsFile stats, Comparison c) {
        out.print(SummaryTable.render(stats.simulation() + " (" + stats.target().describe() + ")", stats.requests(), stats.checks()));
        if (stats.ab() != null) {
            out.print(SummaryTable.render(stats.simulation() + " reference (" + stats.ab().reference().describe() + ")",
                    stats.ab().referenceRequests(), List.of()));
        }
        out.print(verdictLines(c));
        boolean failing = !c.passed();
        switch (c.outcomeValue()) {
            case REGRESSED -> box(failing ? "PERFORMANCE REGRESSION: " + c.simulation() + " (profile " + c.configProfile() + ")"
                    : "PERFORMANCE REGRESSION (not failing: -Dbaseline.warnOnly=true or a baseline update)", regressed(c));
            case INCONCLUSIVE -> box("INCONCLUSIVE: " + c.simulation() + " -- not shown slower, nor shown within the threshold",
                    inconclusive(c));
            case NOT_COMPARABLE -> {
                List<String> lines = new ArrayList<>(c.notComparable());
                lines.add("");
                lines.add(c.advice());
                box("NOT COMPARABLE: the baseline describes another machine or target (the build does not fail)", lines);
            }
            default -> { }
        }
        List<String> trends = c.trends().stream().filter(TrendFinding::warns).map(TrendFinding::warning).toList();
        if (!trends.isEmpty()) box("EARLY WARNING: PERFORMANCE TREND", trends);
        if (!c.errors().isEmpty()) box("COMPARISON: ERROR", c.errors());
    }

    static String verdictLines(Comparison c) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%n[comparison] %s (profile %s, %s): %s%s%n", c.simulation(), c.configProfile(),
                "ab".equals(c.mode()) ? "A/B" : c.mode(), c.outcome().toUpperCase(Locale.ROOT), c.passed() ? "" : " -- RUN FAILS"));
        if (!c.against().isEmpty()) sb.append("[comparison] against ").append(c.against()).append('\n');
        if (!c.metrics().isEmpty()) {
            sb.append(String.format(Locale.ROOT, "[comparison] %-24s %12s %12s %8s %17s %7s  %s%n", "metric", "reference",
                    "current", "ratio", "95% CI", "MDE", "verdict"));
            for (MetricVerdict m : c.metrics()) sb.append("[comparison]").append(TextReport.metricLine(m).substring(3)).append('\n');
        }
        c.messages().forEach(m -> sb.append("[comparison] ").append(m).append('\n'));
        if (c.advice() != null && !c.advice().isEmpty()) sb.append("[comparison] advice: ").append(c.advice()).append('\n');
        return sb.toString();
    }

    private static List<String> regressed(Comparison c) {
        return c.metrics().stream().filter(m -> "regressed".equals(m.verdict()))
                .map(m -> m.metric() + ": " + TextReport.num(m.reference(), m.unit()) + " -> " + TextReport.num(m.current(), m.unit())
                        + (m.changePercent() == null ? "" : String.format(Locale.ROOT, " (%+.1f %%)", m.changePercent())))
                .toList();
    }

    private static List<String> inconclusive(Comparison c) {
        List<String> lines = new ArrayList<>(c.metrics().stream().filter(m -> "inconclusive".equals(m.verdict()))
                .map(m -> m.metric() + ": " + m.rule()).toList());
        lines.add("");
        lines.add(c.advice());
        return lines;
    }
}
