package org.marlbench.bench.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.marlbench.bench.files.Json;
import org.marlbench.bench.results.Comparison;
import org.marlbench.bench.results.MetricVerdict;
import org.marlbench.bench.results.RequestResult;

/**
 * report.html: one self-contained page (inline CSS, inline data, inline script from charts.js;
 * nothing fetched), with the verdict table and per simulation the charts that have data.
 */
public final class HtmlReport {
    private static final String[][] CHARTS = {
        {"bars", "bars"}, {"curve", "curve"}, {"timeline", "timeline"}, {"rounds", "rounds"}, {"rss", "resources"},
        {"cpu", "resources"}, {"leak", "leak"}, {"capacity", "capacity"}, {"capacitylatency", "capacity"},
        {"p95history", "history"}, {"tputhistory", "history"}};

    private HtmlReport() {
    }

    public static String render(List<ReportEntry> entries, Instant generatedAt) {
        ArrayNode data = Json.MAPPER.createArrayNode();
        StringBuilder sections = new StringBuilder();
        int expected = 0;
        for (int i = 0; i < entries.size(); i++) {
            ReportEntry e = entries.get(i);
            ObjectNode d = ChartData.of(e);
            data.add(d);
            sections.append(section(e));
            sections.append("<div class=\"charts\">\n");
            for (String[] chart : CHARTS) {
                if (d.has(chart[1])) {
                    sections.append("<div class=\"chart\" data-sim=\"").append(i).append("\" data-kind=\"").append(chart[0]).append("\"></div>\n");
                    expected++;
                }
            }
            sections.append("</div>\n");
        }
        String overall = TextReport.overallStatus(entries);
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
                + "<title>Strategic MARL component performance benchmark report</title>\n"
                + "<style>" + CSS + "</style></head>\n"
                + "<body data-charts-expected=\"" + expected + "\" data-charts-drawn=\"0\">\n"
                + "<h1>Strategic MARL component performance benchmark report</h1>\n"
                + "<p>Generated: " + esc(generatedAt.toString()) + " &middot; Target: " + esc(targetWithoutScheme(entries))
                + referenceLine(entries) + "</p>\n<p class=\"overall " + overall.toLowerCase(Locale.ROOT).replace(' ', '-') + "\">Overall status: " + esc(overall) + "</p>\n"
                + verdictTable(entries)
                + sections
                + "<script type=\"application/json\" id=\"bench-data\">" + jsonForScript(data) + "</script>\n"
                + "<script>\n" + chartsScript() + "\n</script>\n</body></html>\n";
    }

    /** The server URL without its scheme: the page must contain no http(s) reference at all. */
    static String targetWithoutScheme(List<ReportEntry> entries) {
        return TextReport.target(entries).replaceFirst("^[a-z]+://", "");
    }

    /** " · Reference (A/B): ..." when an A/B run is in the report. */
    static String referenceLine(List<ReportEntry> entries) {
        String ref = TextReport.reference(entries);
        return ref == null ? "" : " &middot; Reference (A/B): " + esc(ref.replaceFirst("^[a-z]+://", ""));
    }

    private static String verdictTable(List<ReportEntry> entries) {
        StringBuilder sb = new StringBuilder("<h2>Verdicts</h2>\n<table class=\"verdicts\">\n"
                + "<tr><th>simulation</th><th>profile</th><th>status</th><th>outcome</th><th>metric</th>"
                + "<th>reference</th><th>current</th><th>ratio</th><th>95% CI of ratio</th><th>MDE</th><th>verdict</th></tr>\n");
        for (ReportEntry e : entries) {
            String profile = e.stats() == null ? "?" : e.stats().configProfile();
            Comparison c = e.comparison();
            if (c == null || c.metrics().isEmpty()) {
                sb.append(row(e.name(), profile, e.status(), e.outcome(), "", "", "", "", "", "", ""));
                continue;
            }
            for (MetricVerdict m : c.metrics()) {
                String ci = m.ratioLow() == null ? "" : String.format(Locale.ROOT, "%.3f .. %.3f", m.ratioLow(), m.ratioHigh());
                sb.append(row(e.name(), profile, e.status(), e.outcome(), m.metric(), TextReport.num(m.reference(), m.unit()),
                        TextReport.num(m.current(), m.unit()), m.ratio() == null ? "" : String.format(Locale.ROOT, "%.3f", m.ratio()),
                        ci, m.mdePercent() == null ? "" : String.format(Locale.ROOT, "%.1f %%", m.mdePercent()), m.verdict()));
            }
        }
        return sb.append("</table>\n").toString();
    }

    private static String row(String... cells) {
        StringBuilder sb = new StringBuilder("<tr>");
        for (int i = 0; i < cells.length; i++) {
            String cls = i == cells.length - 1 || i == 2 || i == 3 ? " class=\"v-" + cells[i].toLowerCase(Locale.ROOT).replace(' ', '-') + "\"" : "";
            sb.append("<td").append(cls).append('>').append(esc(cells[i])).append("</td>");
        }
        return sb.append("</tr>\n").toString();
    }

    private static String section(ReportEntry e) {
        StringBuilder sb = new StringBuilder();
        sb.append("<h2>").append(esc(e.name())).append(" <span class=\"v-").append(e.status().toLowerCase(Locale.ROOT)).append("\">")
                .append(esc(e.status())).append("</span></h2>\n");
        if (e.readError() == null) {
            RequestResult r = e.measured();
            sb.append("<p>").append(esc(e.stats().injection() == null ? "" : e.stats().injection().description()))
                    .append(" &middot; profile ").append(esc(e.stats().configProfile())).append(" &middot; commit ")
                    .append(esc(e.stats().gitCommit())).append(" &middot; warm-up ").append(esc(TextReport.warmup(e.stats().warmup())))
                    .append("</p>\n");
            sb.append(String.format(Locale.ROOT, "<p>P50 %s &middot; P95 %s &middot; P99 %s &middot; throughput %.1f ops/s &middot; error rate %.2f %% &middot; comparison: %s</p>%n",
                    ReportEntry.ms(e.micros("client", 50)), ReportEntry.ms(e.micros("client", 95)),
                    ReportEntry.ms(e.micros("client", 99)), r == null ? 0 : r.throughputPerSecond(),
                    r == null ? 0 : r.errorRate() * 100, esc(e.outcome())));
            Comparison c = e.comparison();
            if (c != null && !c.against().isEmpty()) {
                sb.append("<p>Compared (").append(esc("ab".equals(c.mode()) ? "A/B, same run" : c.mode())).append(") against ")
                        .append(esc(c.against().replaceAll("[a-z]+://", ""))).append("</p>\n");
            }
        }
        if (e.stats() != null && e.stats().diagnostics() != null) {
            sb.append("<pre class=\"diagnostics\">").append(esc(String.join("\n", DiagnosticsText.all(e.stats().diagnostics()))))
                    .append("</pre>\n");
        }
        sb.append(list("Failures", TextReport.failures(e)));
        sb.append(list("Warnings", TextReport.warnings(e)));
        sb.append(list("Recommendations", Recommendations.derive(e)));
        return sb.toString();
    }

    private static String list(String title, List<String> items) {
        if (items.isEmpty()) {
            return "<p><b>" + title + ":</b> none</p>\n";
        }
        StringBuilder sb = new StringBuilder("<p><b>" + title + ":</b></p><ul>\n");
        items.forEach(i -> sb.append("<li>").append(esc(i)).append("</li>\n"));
        return sb.append("</ul>\n").toString();
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** JSON safe inside a script element: no '<' can close it early. */
    static String jsonForScript(JsonNode data) {
        try {
            return Json.MAPPER.writeValueAsString(data).replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String chartsScript() {
        try (InputStream in = HtmlReport.class.getResourceAsStream("charts.js")) {
            if (in == null) {
                throw new IllegalStateException("charts.js missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String CSS = "body{font-family:sans-serif;margin:24px;color:#222}"
            + "table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:3px 6px;text-align:left}"
            + ".charts{display:flex;flex-wrap:wrap;gap:12px}.chart{border:1px solid #ddd}"
            + ".grid{stroke:#eee}.axis{stroke:#444}.target{stroke:#d62728;stroke-dasharray:5,4}"
            + ".tick{font-size:10px;fill:#444}.label{font-size:11px;fill:#222}.title{font-size:13px;font-weight:bold}"
            + ".v-regressed,.v-failed,.v-error{color:#b00;font-weight:bold}.v-improved,.v-passed{color:#070}"
            + ".v-not-enough-data,.v-no-baseline{color:#a60}.overall{font-size:18px;font-weight:bold}"
            + ".overall.failed{color:#b00}.overall.passed{color:#070}.diagnostics{font-size:12px;background:#f7f7f7;padding:8px}";
}
