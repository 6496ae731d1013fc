package org.marlbench.bench.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.marlbench.bench.files.Json;
import org.marlbench.bench.results.CapacityResult;
import org.marlbench.bench.results.HistoryLine;
import org.marlbench.bench.results.LeakResult;
import org.marlbench.bench.results.LatencyBlock;
import org.marlbench.bench.results.MetricVerdict;
import org.marlbench.bench.results.RoundResult;
import org.marlbench.bench.results.SidecarSample;
import org.marlbench.bench.results.StatsFile;
import org.marlbench.bench.results.TimelinePoint;
import org.marlbench.bench.stats.LatencyDistribution;

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
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("name", e.name());
        if (e.readError() != null) return n;
        percentileBars(e, n);
        percentileCurve(e, n);
        timeline(e.stats(), n);
        rounds(e.stats(), n);
        resources(e.stats(), n);
        diagnostics(e.stats(), n);
        history(e, n);
        return n;
    }

    private static void percentileBars(ReportEntry e, ObjectNode n) {
        ArrayNode groups = Json.MAPPER.createArrayNode();
        for (String block : new String[] {"client", "serverModel"}) {
            for (int p : new int[] {50, 95, 99}) {
                double cur = e.micros(block, p);
                if (!Double.isFinite(cur)) continue;
                ObjectNode g = groups.addObject();
                g.put("label", block + " p" + p);
                g.put("current", cur / 1000.0);
                Double ref = referenceValue(e, (block.equals("client") ? "client" : "server model") + " p" + p);
                if (ref != null) g.put("baseline", ref / 1000.0);
                else g.putNull("baseline");
            }
        }
        if (!groups.isEmpty()) {
            n.set("bars", groups);
            n.put("referenceLabel", e.ab() ? "reference (A)" : "baseline");
        }
    }

    private static Double referenceValue(ReportEntry e, String metric) {
        if (e.comparison() == null) return null;
        for (MetricVerdict m : e.comparison().metrics()) {
            if (metric.equals(m.metric())) return m.reference();
        }
        return null;
    }

    /** Latency against "nines" (x = -log10(1 - p)), from the recorded histograms. */
    private static void percentileCurve(ReportEntry e, ObjectNode n) {
        if (e.measured() == null) return;
        ObjectNode curve = Json.MAPPER.createObjectNode();
        ArrayNode xs = curve.putArray("x");
        for (int i = 0; i < CURVE_POINTS; i++) xs.add(MAX_NINES * i / (CURVE_POINTS - 1));
        ArrayNode series = curve.putArray("series");
        addCurve(series, "client", e.measured().client());
        addCurve(series, "serverModel", e.measured().serverModel());
        if (e.ab() && e.stats().ab().referenceRequests().get(e.stats().measuredRequest()) != null) {
            addCurve(series, "client (reference)", e.stats().ab().referenceRequests().get(e.stats().measuredRequest()).client());
        }
        if (!series.isEmpty()) n.set("curve", curve);
    }

    private static void addCurve(ArrayNode series, String name, LatencyBlock block) {
        if (block == null || block.count() == 0) return;
        try {
            LatencyDistribution d = block.distribution();
            ObjectNode s = series.addObject();
            s.put("name", name);
            ArrayNode ys = s.putArray("y");
            for (int i = 0; i < CURVE_POINTS; i++) {
                double p = 1 - Math.pow(10, -MAX_NINES * i / (CURVE_POINTS - 1));
                ys.add(d.quantileMicros(Math.max(p, 1e-9)) / 1000.0);
            }
        } catch (RuntimeException ignored) {
            // an undecodable histogram shows as a missing curve; the stats file is still readable
        }
    }

    /** Client p50 and p99 per second from the first request on (warm-up included), both sides. */
    private static void timeline(StatsFile s, ObjectNode n) {
        List<TimelinePoint> points = s.timeline();
        if (points == null || points.size() < 2) return;
        ObjectNode t = n.putObject("timeline");
        ArrayNode x = t.putArray("t");
        ArrayNode p50 = t.putArray("p50Ms");
        ArrayNode p99 = t.putArray("p99Ms");
        for (TimelinePoint p : points) {
            x.add(p.second());
            add(p50, p.p50Micros());
            add(p99, p.p99Micros());
        }
        if (s.ab() != null && s.ab().referenceTimeline() != null && s.ab().referenceTimeline().size() >= 2) {
            ArrayNode rx = t.putArray("refT");
            ArrayNode r50 = t.putArray("refP50Ms");
            for (TimelinePoint p : s.ab().referenceTimeline()) {
                rx.add(p.second());
                add(r50, p.p50Micros());
            }
        }
        if (s.warmup() != null) t.put("warmupSeconds", s.warmup().seconds());
    }

    private static void add(ArrayNode a, Long micros) {
        if (micros == null) a.addNull();
        else a.add(micros / 1000.0);
    }

    /** A/B: client p50 of every round, one series per side. */
    private static void rounds(StatsFile s, ObjectNode n) {
        if (s.ab() == null || s.ab().rounds().isEmpty()) return;
        ObjectNode r = n.putObject("rounds");
        ArrayNode x = r.putArray("x");
        ArrayNode a = r.putArray("a");
        ArrayNode b = r.putArray("b");
        ArrayNode labels = r.putArray("labels");
        int i = 0;
        for (RoundResult round : s.ab().rounds()) {
            x.add(++i);
            labels.add(round.fork());
            Double v = round.clientP50Micros();
            (("A".equals(round.side())) ? a : b).add(v == null ? Double.NaN : v / 1000.0);
            (("A".equals(round.side())) ? b : a).addNull();
        }
    }

    private static void resources(StatsFile s, ObjectNode n) {
        if (s.resources() == null || s.resources().series() == null || s.resources().series().size() < 2) return;
        ArrayNode t = Json.MAPPER.createArrayNode();
        ArrayNode rss = Json.MAPPER.createArrayNode();
        ArrayNode cpu = Json.MAPPER.createArrayNode();
        long first = -1;
        for (SidecarSample sample : s.resources().series()) {
            if (sample.process() == null) continue;
            long at = sample.epochMs();
            if (first < 0) first = at;
            t.add((at - first) / 1000.0);
            rss.add(sample.process().rssBytes() / (1024.0 * 1024));
            cpu.add(sample.process().cpuPercent());
        }
        if (t.size() >= 2) {
            ObjectNode r = n.putObject("resources");
            r.set("t", t);
            r.set("rssMb", rss);
            r.set("cpuPercent", cpu);
        }
    }

    /** The soak's RSS (and heap after GC) over time; the capacity steps' served rate and latency against the offered rate. */
    private static void diagnostics(StatsFile s, ObjectNode n) {
        if (s.diagnostics() == null) return;
        LeakResult leak = s.diagnostics().leak();
        if (leak != null && !leak.series().isEmpty() && leak.series().get(0).t().size() >= 2) {
            ObjectNode l = n.putObject("leak");
            ArrayNode series = l.putArray("series");
            for (LeakResult.Series ser : leak.series()) {
                if (!"MB".equals(ser.unit())) continue;
                ObjectNode o = series.addObject();
                o.put("name", ser.name() + String.format(java.util.Locale.ROOT, " (%+.0f MB/h)", ser.perHour()));
                ArrayNode x = o.putArray("x");
                ArrayNode y = o.putArray("y");
                for (int i = 0; i < ser.t().size(); i++) {
                    x.add(ser.t().get(i));
                    y.add(ser.values().get(i));
                }
            }
            l.put("verdict", leak.verdict());
        }
        CapacityResult capacity = s.diagnostics().capacity();
        if (capacity != null && capacity.steps().size() >= 2) {
            ObjectNode c = n.putObject("capacity");
            ArrayNode offered = c.putArray("offered");
            ArrayNode served = c.putArray("served");
            ArrayNode p50 = c.putArray("p50Ms");
            ArrayNode p99 = c.putArray("p99Ms");
            for (CapacityResult.Step step : capacity.steps()) {
                offered.add(step.offeredPerSecond());
                served.add(step.achievedPerSecond());
                add(p50, step.p50Micros());
                add(p99, step.p99Micros());
            }
            c.put("targetP99Ms", capacity.targetP99Ms());
            if (capacity.kneePerSecond() != null) c.put("knee", capacity.kneePerSecond());
        }
    }

    private static void history(ReportEntry e, ObjectNode n) {
        ArrayNode p95 = Json.MAPPER.createArrayNode();
        ArrayNode tput = Json.MAPPER.createArrayNode();
        for (HistoryLine h : e.history()) {
            if (h.clientP95Micros() == null) continue;
            p95.add(h.clientP95Micros() / 1000.0);
            tput.add(h.throughputPerSecond() == null ? 0 : h.throughputPerSecond());
        }
        if (p95.size() >= 2) {
            ObjectNode h = n.putObject("history");
            h.set("p95Ms", p95);
            h.set("throughput", tput);
            h.put("targetP95Ms", e.stats().config().targetP95Ms());
            h.put("minThroughputOps", e.stats().config().minThroughputOps());
        }
    }
}
