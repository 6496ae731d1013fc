package org.marlbench.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Concrete advice derived from one run's numbers; every sentence names the evidence it rests on,
 * so a reader can check it against stats.json.
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
        JsonNode res = e.stats().path("resources");
        JsonNode cfg = e.stats().path("config");
        long count = e.measured().path("count").asLong();
        double p50 = e.micros("client", "p50Micros");
        double p99 = e.micros("client", "p99Micros");
        double gcMs = res.path("gcTimeMsDelta").asDouble(0);
        long gcCount = res.path("gcCountDelta").asLong(0);
        double windowSeconds = windowSeconds(e.stats());
        if (Double.isFinite(p50) && p50 > 0 && p99 / p50 > TAIL_RATIO) {
            if (gcMs > 0) {
                out.add(String.format(Locale.ROOT, "High tail variance (client p99/p50 = %.1f: %s vs %s) with %d GCs taking %.0f ms "
                                + "(%.2f %% of the %.0f s window): cut allocation per request or size the server heap/G1 pause target.",
                        p99 / p50, ReportEntry.ms(p99), ReportEntry.ms(p50), gcCount, gcMs,
                        windowSeconds > 0 ? gcMs / (windowSeconds * 10) : Double.NaN, windowSeconds));
            } else {
                out.add(String.format(Locale.ROOT, "High tail variance (client p99/p50 = %.1f) without GC activity (gcTimeMsDelta 0): "
                        + "look at queueing -- users vs cores, the in-flight limit, and CPU shared with the load generator.", p99 / p50));
            }
        }
        double cpuMachine = res.path("cpuMeanPercentOfMachine").asDouble(Double.NaN);
        if (cpuMachine >= CPU_SATURATED_PERCENT) {
            out.add(String.format(Locale.ROOT, "CPU saturated: the server used %.0f %% of the machine on average (cpuMeanPercentOfMachine); "
                    + "throughput is CPU-bound -- profile the model forward pass or lower the offered load before reading latencies.", cpuMachine));
        }
        double memMb = res.path("memoryIncreaseBytes").asDouble(0) / (1024 * 1024);
        double memLimit = cfg.path("maxMemoryIncreaseMb").asDouble(Double.NaN);
        if (Double.isFinite(memLimit) && memMb > memLimit / 2) {
            out.add(String.format(Locale.ROOT, "Memory grew %.1f MB during the run (memoryIncreaseBytes; limit %.0f MB): "
                    + "run a longer soak and compare heap vs RSS in resources.series to tell a leak from native/arena growth.", memMb, memLimit));
        }
        long fallbacks = res.path("fallbacksDelta").asLong(0);
        if (fallbacks > 0) {
            out.add(String.format(Locale.ROOT, "%d agent fallbacks during the run (fallbacksDelta): agents exceeded their time budget; "
                    + "compare server model p99 %s with the per-agent budget and check CPU contention.", fallbacks,
                    ReportEntry.ms(e.micros("serverModel", "p99Micros"))));
        }
        // Error answers the run asked for (the error-path requests, named "invalid: ...") are not a finding.
        long expectedErrors = expectedErrorAnswers(e.stats());
        long serverErrors = Math.max(0, res.path("serverErrorsDelta").asLong(0) - expectedErrors);
        double errorRate = e.measured().path("errorRate").asDouble(0) * 100;
        if (serverErrors > 0 || errorRate > 0) {
            out.add(String.format(Locale.ROOT, "Errors: %d unexpected server errors (serverErrorsDelta less %d deliberate "
                    + "invalid requests), measured error rate %.2f %% (%d failures): read the server log for the status "
                    + "codes before trusting the latencies.",
                    serverErrors, expectedErrors, errorRate, e.measured().path("failures").asLong()));
        }
        if (count < P99_MIN_SAMPLES) {
            out.add(String.format(Locale.ROOT, "Only %d measured requests: a p99 claim needs >= %d (99 %% confidence); "
                    + "raise loadDurationSeconds or users for this profile.", count, P99_MIN_SAMPLES));
        }
        for (JsonNode d : e.comparison().path("fingerprintDifferences")) {
            out.add("Machine fingerprint differs from the baseline (" + d.asText() + "): renew the baseline on this machine "
                    + "(-Dbaseline.update=true) before treating differences as regressions.");
        }
        List<String> regressed = new ArrayList<>();
        for (JsonNode m : e.comparison().path("metrics")) {
            if ("regressed".equals(m.path("verdict").asText())) {
                regressed.add(String.format(Locale.ROOT, "%s %+.1f %%", m.path("metric").asText(), m.path("changePercent").asDouble()));
            }
        }
        if (!regressed.isEmpty()) {
            out.add("Regressed against the baseline of commit " + e.comparison().path("baselineCommit").asText("?") + ": "
                    + String.join(", ", regressed) + " (verdict table has the intervals): bisect the commits since then; "
                    + "if the change is intended, renew the baseline with -Dbaseline.update=true.");
        }
        for (JsonNode t : e.comparison().path("trends")) {
            if (!t.path("warning").asText().isEmpty()) {
                out.add("Trend: " + t.path("warning").asText() + " -- act before the target is missed.");
            }
        }
        for (JsonNode c : e.stats().path("checks")) {
            if (!c.path("passed").asBoolean(true)) {
                out.add("Check '" + c.path("name").asText() + "' failed: actual " + c.path("actual").asText()
                        + " vs limit " + c.path("limit").asText() + " (" + c.path("metric").asText() + ").");
            }
        }
        return out;
    }

    static double windowSeconds(JsonNode stats) {
        try {
            return Duration.between(Instant.parse(stats.path("startedAt").asText()),
                    Instant.parse(stats.path("endedAt").asText())).toMillis() / 1000.0;
        } catch (RuntimeException e) {
            return stats.path("injection").path("durationSeconds").asDouble(0);
        }
    }

    /** Requests sent to get an error answer on purpose ("invalid: <case>") that got it. */
    static long expectedErrorAnswers(JsonNode stats) {
        long n = 0;
        for (var it = stats.path("requests").fields(); it.hasNext(); ) {
            var request = it.next();
            if (request.getKey().startsWith("invalid: ")) {
                n += request.getValue().path("count").asLong(0) - request.getValue().path("failures").asLong(0);
            }
        }
        return n;
    }
}
