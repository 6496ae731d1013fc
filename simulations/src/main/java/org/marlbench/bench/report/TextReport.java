package org.marlbench.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
        sb.append('\n');
        sb.append("Overall Status: ").append(overallStatus(entries)).append('\n');
        for (ReportEntry e : entries) {
            sb.append('\n');
            appendTest(sb, e);
        }
        return sb.toString();
    }

    static String overallStatus(List<ReportEntry> entries) {
        if (entries.isEmpty()) {
            return "NO RESULTS";
        }
        return entries.stream().allMatch(e -> "PASSED".equals(e.status())) ? "PASSED" : "FAILED";
    }

    static String target(List<ReportEntry> entries) {
        for (ReportEntry e : entries) {
            JsonNode m = e.stats().path("machine");
            if (m.isObject()) {
                return m.path("serverUrl").asText("?") + " / " + m.path("engine").asText("?");
            }
        }
        return "unknown";
    }

    private static void appendTest(StringBuilder sb, ReportEntry e) {
        sb.append("Test: ").append(e.name());
        if (e.readError() != null) {
            sb.append("\n  Status: FAILED\n  Failures:\n    - ").append(e.readError()).append('\n');
            return;
        }
        JsonNode s = e.stats();
        JsonNode r = e.measured();
        sb.append(" (profile ").append(s.path("configProfile").asText("default")).append(", commit ")
                .append(s.path("gitCommit").asText("unknown")).append(")\n");
        sb.append("  Status: ").append(e.status()).append('\n');
        sb.append("  Injection: ").append(s.path("injection").path("description").asText("?")).append('\n');
        for (String p : new String[] {"P50", "P95", "P99"}) {
            String field = "p" + p.substring(1) + "Micros";
            sb.append("  ").append(p).append(" Latency: ").append(ReportEntry.ms(e.micros("client", field)))
                    .append("  (server model ").append(ReportEntry.ms(e.micros("serverModel", field))).append(")\n");
        }
        sb.append(String.format(Locale.ROOT, "  Throughput: %.1f ops/sec%n", r.path("throughputPerSecond").asDouble()));
        sb.append(String.format(Locale.ROOT, "  Error Rate: %.2f%%  (%d of %d requests)%n",
                r.path("errorRate").asDouble() * 100, r.path("failures").asLong(), r.path("count").asLong()));
        appendBaseline(sb, e.comparison());
        section(sb, "Failures", failures(e));
        section(sb, "Warnings", warnings(e));
        section(sb, "Recommendations", Recommendations.derive(e));
    }

    private static void appendBaseline(StringBuilder sb, JsonNode c) {
        if (!c.isObject()) {
            sb.append("  Baseline: not compared\n");
            return;
        }
        sb.append("  Baseline: ").append(c.path("outcome").asText());
        if (!c.path("baselineRecordedAt").asText().isEmpty()) {
            sb.append(" vs ").append(c.path("baselineFile").asText()).append(" (recorded ")
                    .append(c.path("baselineRecordedAt").asText()).append(", commit ").append(c.path("baselineCommit").asText()).append(')');
        }
        sb.append('\n');
        for (JsonNode m : c.path("metrics")) {
            sb.append(String.format(Locale.ROOT, "    %-18s %14s -> %-14s %s%n", m.path("metric").asText(),
                    num(m.path("baseline")), num(m.path("current")) + " " + m.path("unit").asText(), m.path("verdict").asText()));
        }
    }

    private static String num(JsonNode n) {
        return n.isNumber() ? String.format(Locale.ROOT, "%.3f", n.asDouble()) : "-";
    }

    static List<String> failures(ReportEntry e) {
        List<String> out = new ArrayList<>();
        for (JsonNode c : e.stats().path("checks")) {
            if (!c.path("passed").asBoolean(true)) {
                out.add(c.path("name").asText() + ": actual " + c.path("actual").asText() + ", limit " + c.path("limit").asText());
            }
        }
        for (JsonNode m : e.comparison().path("metrics")) {
            if ("regressed".equals(m.path("verdict").asText())) {
                out.add("regression: " + m.path("metric").asText() + " " + m.path("rule").asText());
            }
        }
        e.comparison().path("errors").forEach(x -> out.add(x.asText()));
        return out;
    }

    static List<String> warnings(ReportEntry e) {
        List<String> out = new ArrayList<>();
        e.comparison().path("fingerprintDifferences").forEach(d -> out.add("machine fingerprint differs from baseline: " + d.asText()));
        for (JsonNode t : e.comparison().path("trends")) {
            if (!t.path("warning").asText().isEmpty()) {
                out.add("trend: " + t.path("warning").asText());
            }
        }
        for (JsonNode m : e.comparison().path("metrics")) {
            if ("not enough data".equals(m.path("verdict").asText())) {
                out.add("not enough data: " + m.path("metric").asText() + " (" + m.path("rule").asText() + ")");
            }
        }
        if ("no baseline".equals(e.comparison().path("outcome").asText())) {
            out.add("no baseline: comparison skipped -- record one with -Dbaseline.update=true");
        }
        if (e.comparison().path("warnOnly").asBoolean(false) && "regressed".equals(e.comparison().path("outcome").asText())) {
            out.add("regression reported but not failing the run (-Dbaseline.warnOnly=true)");
        }
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
