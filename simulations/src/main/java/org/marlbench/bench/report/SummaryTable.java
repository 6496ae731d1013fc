package org.marlbench.bench.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.marlbench.bench.results.CheckResult;
import org.marlbench.bench.results.LatencyBlock;
import org.marlbench.bench.results.RequestResult;

/** A short console table of the µs statistics and the checks, printed after each run. */
public final class SummaryTable {
    private SummaryTable() {
    }

    public static String render(String title, Map<String, RequestResult> requests, List<CheckResult> checks) {
        StringBuilder sb = new StringBuilder();
        String rule = "-".repeat(118) + "\n";
        sb.append("\n").append(rule).append(String.format(Locale.ROOT, "%s: latency in microseconds (successful requests)%n", title));
        sb.append(String.format(Locale.ROOT, "%-28s %-7s %8s %6s %9s %8s %8s %8s %8s %9s %9s%n",
                "request", "source", "count", "KO", "req/s", "p50", "p95", "p99", "p99.9", "max", "mean"));
        sb.append(rule);
        requests.forEach((name, r) -> {
            row(sb, name, "client", r.client(), r.count(), r.failures(), r.throughputPerSecond());
            if (r.serverTotal().count() > 0) row(sb, "", "total", r.serverTotal(), -1, -1, -1);
            if (r.serverModel().count() > 0) row(sb, "", "model", r.serverModel(), -1, -1, -1);
            if (r.failed() != null && r.failed().count() > 0) row(sb, "", "failed", r.failed(), -1, -1, -1);
        });
        sb.append(rule);
        for (CheckResult c : checks) sb.append(c.passed() ? "  ok    " : "  FAIL  ").append(c).append('\n');
        sb.append(rule);
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, String source, LatencyBlock h, long count, long ko, double rps) {
        sb.append(String.format(Locale.ROOT, "%-28s %-7s %8s %6s %9s %8d %8d %8d %8d %9d %9.1f%n",
                name.length() > 28 ? name.substring(0, 27) + "…" : name, source,
                count < 0 ? "" : String.valueOf(count), ko < 0 ? "" : String.valueOf(ko),
                rps < 0 ? "" : String.format(Locale.ROOT, "%.1f", rps),
                h.p50Micros(), h.p95Micros(), h.p99Micros(), h.p999Micros(), h.maxMicros(), h.meanMicros()));
    }
}
