package org.marlbench.bench.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.marlbench.bench.results.CheckResult;
import org.marlbench.bench.results.Comparison;
import org.marlbench.bench.results.MetricVerdict;
import org.marlbench.bench.results.RequestResult;
import org.marlbench.bench.results.StatsFile;
import org.marlbench.bench.results.TrendFinding;
import org.marlbench.bench.results.WarmupResult;

/** report.txt in the layout of the original benchmark report (banner, overall status, one block per test). */
public final class TextReport {
    static final String RULE = "=".repeat(80);

    private TextReport() {
    }

    public static String render(List<ReportEntry> entries, Instant generatedAt) {
        StringBuilder sb = new StringBuilder();
        sb.append(RULE).append('\n');
        sb.append("STRATEGIC MARL COMPONENT PERFORMANCE BENCHMARK REPORT\n");
        sb.append(RULE).append('\n');
        sb.append("Generated: ").append(generatedAt).append('\n');
        sb.append("Target: ").append(target(entries)).append('\n');
        String reference = reference(entries);
        if (reference != null) sb.append("Reference (A/B): ").append(reference).append('\n');
        sb.append('\n');
        sb.append("Overall Status: ").append(overallStatus(entries)).append('\n');
        for (ReportEntry e : entries) {
            sb.append('\n');
            appendTest(sb, e);
        }
        return sb.toString();
    }

    static String overallStatus(List<ReportEntry> entries) {
        if (entries.isEmpty()) return "NO RESULTS";
        return entries.stream().allMatch(e -> "PASSED".equals(e.status())) ? "PASSED" : "FAILED";
    }

    static String target(List<ReportEntry> entries) {
        for (ReportEntry e : entries) {
            if (e.stats() != null) return e.stats().target().url() + " / " + e.stats().target().describe();
        }
        return "unknown";
    }

    static String reference(List<ReportEntry> entries) {
        for (ReportEntry e : entries) {
            if (e.ab()) return e.stats().ab().reference().url() + " / " + e.stats().ab().reference().describe();
        }
        return null;
    }

    private static void appendTest(StringBuilder sb, ReportEntry e) {
        sb.append("Test: ").append(e.name());
        if (e.readError() != null) {
            sb.append("\n  Status: FAILED\n  Failures:\n    - ").append(e.readError()).append('\n');
            return;
        }
        StatsFile s = e.stats();
        RequestResult r = e.measured();
        sb.append(" (profile ").append(s.configProfile()).append(", commit ").append(s.gitCommit()).append(")\n");
        sb.append("  Status: ").append(e.status()).append('\n');
        sb.append("  Injection: ").append(s.injection() == null ? "?" : s.injection().description()).append('\n');
        sb.append("  Warm-up: ").append(warmup(s.warmup())).append('\n');
        for (int p : new int[] {50, 95, 99}) {
            sb.append("  P").append(p).append(" Latency: ").append(ReportEntry.ms(e.micros("client", p)))
                    .append("  (server total ").append(ReportEntry.ms(e.micros("serverTotal", p)))
                    .append(", model ").append(ReportEntry.ms(e.micros("serverModel", p))).append(")\n");
        }
        if (r != null) {
            sb.append(String.format(Locale.ROOT, "  Throughput: %.1f ops/sec%n", r.throughputPerSecond()));
            sb.append(String.format(Locale.ROOT, "  Error Rate: %.2f%%  (%d of %d requests)%n", r.errorRate() * 100,
                    r.failures(), r.count()));
        }
        if (s.resources() != null && s.resources().fallbackPercent() != null) {
            sb.append(String.format(Locale.ROOT, "  Fallbacks: %.2f%% of decisions (%d)%n", s.resources().fallbackPercent(),
                    s.resources().fallbacksDelta()));
        }
        appendComparison(sb, e.comparison());
        for (String line : DiagnosticsText.all(s.diagnostics())) sb.append("  ").append(line).append('\n');
        section(sb, "Failures", failures(e));
        section(sb, "Warnings", warnings(e));
        section(sb, "Recommendations", Recommendations.derive(e));
    }

    static String warmup(WarmupResult w) {
        if (w == null) return "?";
        if (w.warmedBy() != null && w.requests() == 0) return "none here: servers shared with " + w.warmedBy() + ", which warmed them";
        if (w.warmedBy() != null) {
            return String.format(Locale.ROOT, "%.1f s, %d requests, %s (servers shared with %s of this Maven run, which warmed "
                    + "them first; this simulation's load generator is a new JVM)", w.seconds(), w.requests(),
                    w.converged() ? "steady again" : "NOT steady again within warmup.sharedMaxTotalSeconds", w.warmedBy());
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%.1f s, %d requests, %s", w.seconds(), w.requests(),
                w.converged() ? "steady (converged)" : "NOT converged within the limit"));
        if (w.servers().size() > 1) {
            for (WarmupResult.Server srv : w.servers()) {
                sb.append(String.format(Locale.ROOT, "; %s %s after %.0f s", srv.label(), srv.converged() ? "steady" : "not steady",
                        srv.seconds()));
            }
        }
        return sb.toString();
    }

    private static void appendComparison(StringBuilder sb, Comparison c) {
        if (c == null) {
            sb.append("  Comparison: not compared\n");
            return;
        }
        sb.append("  Comparison (").append("ab".equals(c.mode()) ? "A/B, same run" : c.mode()).append("): ")
                .append(c.outcome().toUpperCase(Locale.ROOT));
        if (!c.against().isEmpty()) sb.append(" against ").append(c.against());
        sb.append('\n');
        if (!c.metrics().isEmpty()) {
            sb.append(String.format(Locale.ROOT, "    %-24s %12s %12s %8s %17s %7s  %s%n", "metric", "reference", "current",
                    "ratio", "95% CI", "MDE", "verdict"));
            for (MetricVerdict m : c.metrics()) sb.append(metricLine(m)).append('\n');
        }
        if (c.advice() != null && !c.advice().isEmpty()) sb.append("    Advice: ").append(c.advice()).append('\n');
    }

    static String metricLine(MetricVerdict m) {
        return String.format(Locale.ROOT, "    %-24s %12s %12s %8s %17s %7s  %s", m.metric(), num(m.reference(), m.unit()),
                num(m.current(), m.unit()), m.ratio() == null ? "-" : String.format(Locale.ROOT, "%.3f", m.ratio()),
                m.ratioLow() == null ? "-" : String.format(Locale.ROOT, "[%.3f, %.3f]", m.ratioLow(), m.ratioHigh()),
                m.mdePercent() == null ? "-" : String.format(Locale.ROOT, "%.1f%%", m.mdePercent()), m.verdict());
    }

    static String num(Double v, String unit) {
        if (v == null) return "-";
        String n = Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
        return n + " " + unit;
    }

    static List<String> failures(ReportEntry e) {
        List<String> out = new ArrayList<>();
        if (e.readError() != null) return List.of(e.readError());
        for (CheckResult c : e.stats().checks()) {
            if (!c.passed()) out.add(c.name() + ": actual " + CheckResult.number(c.actual()) + ", limit " + CheckResult.number(c.limit()));
        }
        if (e.stats().resourcesError() != null) out.add(e.stats().resourcesError());
        Comparison c = e.comparison();
        if (c != null) {
            for (MetricVerdict m : c.metrics()) {
                if ("regressed".equals(m.verdict())) out.add("regression: " + m.metric() + ": " + m.rule());
            }
            out.addAll(c.errors());
        }
        return out;
    }

    static List<String> warnings(ReportEntry e) {
        List<String> out = new ArrayList<>();
        if (e.readError() != null) return out;
        Comparison c = e.comparison();
        if (e.stats().warmup() != null && !e.stats().warmup().converged()) {
            out.add("warm-up did not reach a steady state within warmup.maxSeconds: the measured figures may still include JIT warm-up");
        }
        if (c == null) return out;
        c.notComparable().forEach(d -> out.add("not comparable with the baseline: " + d));
        for (TrendFinding t : c.trends()) {
            if (t.warns()) out.add("trend: " + t.warning());
        }
        for (MetricVerdict m : c.metrics()) {
            if ("inconclusive".equals(m.verdict())) out.add("inconclusive: " + m.metric() + " (" + m.rule() + ")");
        }
        if ("no baseline".equals(c.outcome())) out.add("no baseline: comparison skipped -- " + c.advice());
        if (c.warnOnly() && "regressed".equals(c.outcome())) {
            out.add("regression reported but not failing the run (-Dbaseline.warnOnly=true)");
        }
        out.addAll(c.messages());
        return out;
    }

    private static void section(StringBuilder sb, String title, List<String> items) {
        sb.append("  ").append(title).append(':');
        if (items.isEmpty()) {
            sb.append(" none\n");
            return;
        }
        sb.append('\n');
        items.forEach(i -> sb.append("    - ").append(i).append('\n'));
    }
}
