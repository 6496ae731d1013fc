package org.marlbench.bench.stats;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** A short console table of the µs statistics and the checks, printed after each run. */
public final class SummaryTable {
    private SummaryTable() {
    }

    public static String render(String simulation, Map<String, RequestStats> requests, List<Check> checks) {
        StringBuilder sb = new StringBuilder();
        String rule = "-".repeat(118) + "\n";
        sb.append("\n").append(rule).append(String.format(Locale.ROOT, "%s: latency in microseconds%n", simulation));
        sb.append(String.format(Locale.ROOT, "%-28s %-7s %8s %6s %9s %8s %8s %8s %8s %9s %9s%n",
                "request", "source", "count", "KO", "req/s", "p50", "p95", "p99", "p99.9", "max", "mean"));
        sb.append(rule);
        requests.forEach((name, s) -> {
            row(sb, name, "client", s.client(), s.count(), s.failures(), s.throughputPerSecond());
            if (s.serverTotal().getTotalCount() > 0) row(sb, "", "total", s.serverTotal(), -1, -1, -1);
            if (s.serverModel().getTotalCount() > 0) row(sb, "", "model", s.serverModel(), -1, -1, -1);
        });
        sb.append(rule);
        for (Check c : checks) sb.append(c.passed() ? "  ok    " : "  FAIL  ").append(c).append('\n');
        sb.append(rule);
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, String source, Histogram h, long count, long ko, double rps) {
        sb.append(String.format(Locale.ROOT, "%-28s %-7s %8s %6s %9s %8d %8d %8d %8d %9d %9.1f%n",
                name.length() > 28 ? name.substring(0, 27) + "…" : name, source,
                count < 0 ? "" : String.valueOf(count), ko < 0 ? "" : String.valueOf(ko),
                rps < 0 ? "" : String.format(Locale.ROOT, "%.1f", rps),
                h.getValueAtPercentile(50), h.getValueAtPercentile(95), h.getValueAtPercentile(99),
                h.getValueAtPercentile(99.9), h.getTotalCount() == 0 ? 0 : h.getMaxValue(), h.getMean()));
    }
}
