package org.marlbench.bench.report;

import java.util.List;
import java.util.Locale;
import org.marlbench.bench.results.Comparison;
import org.marlbench.bench.results.HistoryLine;
import org.marlbench.bench.results.LatencyBlock;
import org.marlbench.bench.results.RequestResult;
import org.marlbench.bench.results.StatsFile;

/**
 * One simulation in the report: its stats.json, its comparison.json (null when the gate has not
 * run) and its history lines; or, for files that cannot be read, the reason.
 */
public record ReportEntry(String name, StatsFile stats, Comparison comparison, List<HistoryLine> history, String readError) {

    static ReportEntry unreadable(String name, String error) {
        return new ReportEntry(name, null, null, List.of(), error);
    }

    public RequestResult measured() {
        return stats == null ? null : stats.measured();
    }

    /** PASSED unless the run failed its own checks, the gate failed it, or it is unreadable. */
    public String status() {
        if (readError != null) return "FAILED";
        boolean gate = comparison == null || comparison.passed();
        return stats.passed() && gate ? "PASSED" : "FAILED";
    }

    public String outcome() {
        return comparison != null ? comparison.outcome() : "not compared";
    }

    public boolean ab() {
        return stats != null && stats.ab() != null;
    }

    /** A summary percentile of a latency block of the measured request (µs), NaN when absent. */
    public double micros(String block, int level) {
        RequestResult m = measured();
        if (m == null) return Double.NaN;
        LatencyBlock b = switch (block) {
            case "client" -> m.client();
            case "serverTotal" -> m.serverTotal();
            case "serverModel" -> m.serverModel();
            default -> throw new IllegalArgumentException(block);
        };
        return b == null || b.count() == 0 ? Double.NaN : b.percentileMicros(level);
    }

    static String ms(double micros) {
        return Double.isFinite(micros) ? String.format(Locale.ROOT, "%.3fms", micros / 1000.0) : "n/a";
    }
}
