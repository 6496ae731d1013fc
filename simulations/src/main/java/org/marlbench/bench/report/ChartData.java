package org.marlbench.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.marlbench.bench.baseline.LatencyDistribution;
import org.marlbench.bench.baseline.StatsDocument;

/**
 * The numbers behind the HTML charts of one simulation, as JSON for the inline script: only the
 * charts that have data get an entry, so every chart container on the page must draw.
 */
final class ChartData {
    private static final double MAX_NINES = 4.0;
    private static final int CURVE_POINTS = 41;

    private ChartData() {
    }

    static ObjectNode of(ReportEntry e) {
        ObjectNode n = StatsDocument.JSON.createObjectNode();
        n.put("name", e.name());
        if (e.readError() != null) {
            return n;
        }
        percentileBars(e, n);
        percentileCurve(e, n);
        resources(e, n);
        history(e, n);
        return n;
    }

    private static void percentileBars(ReportEntry e, ObjectNode n) {
        ArrayNode groups = StatsDocument.JSON.createArrayNode();
        for (String block : new String[] {"client", "serverModel"}) {
            for (String p : new String[] {"p50", "p95", "p99"}) {
                double cur = e.micros(block, p + "Micros");
                if (!Double.isFinite(cur)) {
                    continue;
                }
                ObjectNode g = groups.addObject();
                g.put("label", block + " " + p);
                g.put("current", cur / 1000.0);
                JsonNode base = baselineValue(e.comparison(), block + " " + p);
                if (base.isNumber()) {
                    g.put("baseline", base.asDouble() / 1000.0);
                } else {
                    g.putNull("baseline");
                }
            }
        }
        if (!groups.isEmpty()) {
            n.set("bars", groups);
        }
    }

    private static JsonNode baselineValue(JsonNode comparison, String metric) {
        for (JsonNode m : comparison.path("metrics")) {
            if (metric.equals(m.path("metric").asText())) {
                return m.path("baseline");
            }
        }
        return com.fasterxml.jackson.databind.node.NullNode.getInstance();
    }

    /** Latency against "nines" (x = -log10(1 - p)): stats.json has no latency time series. */
    private static void percentileCurve(ReportEntry e, ObjectNode n) {
        ObjectNode curve = StatsDocument.JSON.createObjectNode();
        ArrayNode xs = curve.putArray("x");
        for (int i = 0; i < CURVE_POINTS; i++) {
            xs.add(MAX_NINES * i / (CURVE_POINTS - 1));
        }
        ArrayNode series = curve.putArray("series");
        for (String block : new String[] {"client", "serverModel"}) {
            JsonNode h = e.measured().path(block).path("histogram");
            if (!h.isTextual()) {
                continue;
            }
            try {
                LatencyDistribution d = LatencyDistribution.decode(h.asText());
                if (d.count() == 0) {
                    continue;
                }
                ObjectNode s = series.addObject();
                s.put("name", block);
                ArrayNode ys = s.putArray("y");
                for (int i = 0; i < CURVE_POINTS; i++) {
                    double p = 1 - Math.pow(10, -MAX_NINES * i / (CURVE_POINTS - 1));
                    ys.add(d.quantileMicros(Math.max(p, 1e-9)) / 1000.0);
                }
            } catch (RuntimeException ignored) {
                // an undecodable histogram is reported by the gate; the chart shows what decodes
            }
        }
        if (!series.isEmpty()) {
            n.set("curve", curve);
        }
    }

    private static void resources(ReportEntry e, ObjectNode n) {
        JsonNode samples = e.stats().path("resources").path("series");
        if (samples.isObject()) {
            samples = samples.path("samples");
        }
        ArrayNode t = StatsDocument.JSON.createArrayNode();
        ArrayNode rss = StatsDocument.JSON.createArrayNode();
        ArrayNode cpu = StatsDocument.JSON.createArrayNode();
        Instant first = null;
        int index = 0;
        for (JsonNode s : samples) {
            Instant at = parse(s.path("timestamp").asText(""));
            if (first == null) {
                first = at;
            }
            double seconds = at != null && first != null ? (at.toEpochMilli() - first.toEpochMilli()) / 1000.0
                    : index * e.stats().path("resources").path("intervalMs").asDouble(250) / 1000.0;
            index++;
            JsonNode p = s.path("process");
            if (!p.path("rssBytes").isNumber()) {
                continue;
            }
            t.add(seconds);
            rss.add(p.path("rssBytes").asDouble() / (1024 * 1024));
            cpu.add(p.path("cpuPercent").asDouble());
        }
        if (t.size() >= 2) {
            ObjectNode r = n.putObject("resources");
            r.set("t", t);
            r.set("rssMb", rss);
            r.set("cpuPercent", cpu);
        }
    }

    private static Instant parse(String text) {
        try {
            return Instant.parse(text);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void history(ReportEntry e, ObjectNode n) {
        ArrayNode p95 = StatsDocument.JSON.createArrayNode();
        ArrayNode tput = StatsDocument.JSON.createArrayNode();
        ArrayNode labels = StatsDocument.JSON.createArrayNode();
        for (JsonNode h : e.history()) {
            if (!h.path("clientP95Micros").isNumber()) {
                continue;
            }
            labels.add(h.path("gitCommit").asText("?") + " " + h.path("recordedAt").asText(""));
            p95.add(h.path("clientP95Micros").asDouble() / 1000.0);
            tput.add(h.path("throughputPerSecond").asDouble());
        }
        if (p95.size() >= 2) {
            ObjectNode h = n.putObject("history");
            h.set("labels", labels);
            h.set("p95Ms", p95);
            h.set("throughput", tput);
            JsonNode cfg = e.stats().path("config");
            h.set("targetP95Ms", cfg.path("targetP95Ms").isNumber() ? cfg.path("targetP95Ms") : null);
            h.set("minThroughputOps", cfg.path("minThroughputOps").isNumber() ? cfg.path("minThroughputOps") : null);
        }
    }
}
