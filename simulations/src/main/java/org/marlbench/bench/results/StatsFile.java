package org.marlbench.bench.results;

import java.util.List;
import java.util.Map;
import org.marlbench.bench.config.BenchmarkConfig;

/**
 * stats.json, exactly as docs/stats-json.md documents it: written once per simulation run and
 * read by the gate, the history, the report and the baseline store through this record only.
 * In an A/B run {@code target}, {@code requests} and {@code timeline} are the server under test's,
 * {@code ab} the reference's and the rounds; in a plain run {@code ab} is null. {@code diagnostics}
 * holds a soak run's leak verdict, a profiled run's profile, a capacity run's steps (null otherwise).
 */
public record StatsFile(int schemaVersion, String simulation, String runId, String startedAt, String endedAt,
                        String gitCommit, String configProfile, BenchmarkConfig config, Injection injection,
                        Machine machine, TargetInfo target, WarmupResult warmup, String measuredRequest,
                        Map<String, RequestResult> requests, ResourceResult resources, String resourcesError,
                        List<CheckResult> checks, String status, List<TimelinePoint> timeline, AbRun ab,
                        Diagnostics diagnostics) {

    public static final int SCHEMA_VERSION = 2;
    public static final String FILE_NAME = "stats.json";

    /** The request the assertions are about, or null when nothing was recorded under its name. */
    public RequestResult measured() {
        return requests.get(measuredRequest);
    }

    public boolean passed() {
        return "passed".equals(status);
    }

    /** Seconds from the first measured request sent to the last answered. */
    public double windowSeconds() {
        RequestResult m = measured();
        return m == null ? 0 : m.windowSeconds();
    }
}
