package org.marlbench.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.marlbench.bench.results.CheckResult;
import org.marlbench.bench.results.Comparison;
import org.marlbench.bench.results.MetricVerdict;
import org.marlbench.bench.results.RequestResult;
import org.marlbench.bench.results.ResourceResult;
import org.marlbench.bench.results.StatsFile;
import org.marlbench.bench.results.TrendFinding;

/**
 * Concrete advice derived from one run's numbers; every sentence names the evidence it rests on,
 * so a reader can check it against stats.json. Only what this project can act on is advised.
 */
public final class Recommendations {
    static final double TAIL_RATIO = 5.0;
    static final double CPU_SATURATED_PERCENT = 85.0;
    static final long P99_MIN_SAMPLES = 459;

    private Recommendations() {
    }

    public static List<String> derive(ReportEntry e) {
        List<String> out = new ArrayList<>();
        if (e.readError() != null) {
            out.add("fix or re-run: " + e.readError());
            return out;
        }
        StatsFile s = e.stats();
        RequestResult m = e.measured();
        ResourceResult res = s.resources();
        long count = m == null ? 0 : m.successes();
        double p50 = e.micros("client", 50);
        double p99 = e.micros("client", 99);
        if (s.warmup() != null && !s.warmup().converged()) {
            out.add(String.format(Locale.ROOT, "The warm-up stopped after %.0f s without steady medians: raise warmup.maxSeconds "
                    + "(or look at the window medians in stats.json warmup) before trusting these figures.", s.warmup().seconds()));
        }
        if (Double.isFinite(p50) && p50 > 0 && p99 / p50 > TAIL_RATIO && res != null) {
            if (res.gcTimeMsDelta() > 0) {
                out.add(String.format(Locale.ROOT, "High tail variance (client p99/p50 = %.1f: %s vs %s) with %d GCs taking %d ms "
                                + "in the window: cut allocation per request or size the server heap.",
                        p99 / p50, ReportEntry.ms(p99), ReportEntry.ms(p50), res.gcCountDelta(), res.gcTimeMsDelta()));
            } else {
                out.add(String.format(Locale.ROOT, "High tail variance (client p99/p50 = %.1f) without GC activity (gcTimeMsDelta 0): "
                        + "look at queueing -- users vs cores, the in-flight limit, and CPU shared with the load generator.", p99 / p50));
            }
        }
        if (res != null && res.cpuMeanPercentOfMachine() >= CPU_SATURATED_PERCENT) {
            out.add(String.format(Locale.ROOT, "CPU saturated: the server used %.0f %% of the machine on average (cpuMeanPercentOfMachine); "
                    + "throughput is CPU-bound -- lower the offered load before reading latencies.", res.cpuMeanPercentOfMachine()));
        }
        double memLimit = s.config().maxMemoryIncreaseMb();
        if (res != null && res.memoryIncreaseBytes() / (1024.0 * 1024) > memLimit / 2) {
            out.add(String.format(Locale.ROOT, "Memory grew %.1f MB during the run (memoryIncreaseBytes; limit %.0f MB): compare heap "
                    + "and RSS in resources.series to tell heap growth from native memory.", res.memoryIncreaseBytes() / (1024.0 * 1024), memLimit));
        }
        if (res != null && res.fallbacksDelta() > 0) {
            out.add(String.format(Locale.ROOT, "%d decisions had agents fall back (%.2f %% of decisions; limit %s %%): agents exceeded "
                    + "their time budget or a breaker was open; compare server model p99 %s with the per-agent budget.",
                    res.fallbacksDelta(), res.fallbackPercent() == null ? 0 : res.fallbackPercent(),
                    CheckResult.number(s.config().maxFallbackPercent()), ReportEntry.ms(e.micros("serverModel", 99))));
        }
        long expectedErrors = expectedErrorAnswers(s.requests());
        long serverErrors = res == null ? 0 : Math.max(0, res.serverErrorsDelta() - expectedErrors);
        double errorRate = m == null ? 0 : m.errorRate() * 100;
        if (serverErrors > 0 || errorRate > 0) {
            out.add(String.format(Locale.ROOT, "Errors: %d unexpected server errors (serverErrorsDelta less %d deliberate "
                    + "invalid requests), measured error rate %.2f %% (%d failures): read the server log for the status "
                    + "codes before trusting the latencies.", serverErrors, expectedErrors, errorRate, m == null ? 0 : m.failures()));
        }
        if (count < P99_MIN_SAMPLES && s.ab() == null) {
            out.add(String.format(Locale.ROOT, "Only %d measured requests: a p99 claim needs >= %d (99 %% confidence); "
                    + "raise iterations, loadDurationSeconds or users for this profile.", count, P99_MIN_SAMPLES));
        }
        Comparison c = e.comparison();
        if (c != null) {
            if (!c.notComparable().isEmpty()) out.add("The baseline is from another machine or target: " + c.advice());
            List<String> regressed = new ArrayList<>();
            for (MetricVerdict v : c.metrics()) {
                if ("regressed".equals(v.verdict()) && v.changePercent() != null) {
                    regressed.add(String.format(Locale.ROOT, "%s %+.1f %%", v.metric(), v.changePercent()));
                }
            }
            if (!regressed.isEmpty()) out.add("Regressed against " + c.against() + ": " + String.join(", ", regressed) + ". " + c.advice());
            if ("inconclusive".equals(c.outcome())) out.add("Inconclusive: " + c.advice());
            for (TrendFinding t : c.trends()) {
                if (t.warns()) out.add("Trend: " + t.warning() + " -- act before the target is missed.");
            }
        }
        for (CheckResult check : s.checks()) {
            if (!check.passed()) {
                out.add("Check '" + check.name() + "' failed: actual " + CheckResult.number(check.actual()) + " vs limit "
                        + CheckResult.number(check.limit()) + " (" + check.metric() + ").");
            }
        }
        return out;
    }

    /** Requests sent to get an error answer on purpose ("invalid: <case>") that got it. */
    static long expectedErrorAnswers(Map<String, RequestResult> requests) {
        long n = 0;
        for (Map.Entry<String, RequestResult> r : requests.entrySet()) {
            if (r.getKey().startsWith("invalid: ")) n += r.getValue().successes();
        }
        return n;
    }
}
