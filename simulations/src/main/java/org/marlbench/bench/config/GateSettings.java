package org.marlbench.bench.config;

import java.nio.file.Path;

/**
 * What happens after the load: the committed-baseline gate ({@code baseline.*}), the history
 * ({@code history.*}), the trend warning ({@code trend.*}) and the report. The threshold T of every
 * verdict is {@code regressionThresholdPercent}. Paths are resolved against the repository root.
 */
public record GateSettings(boolean enabled, boolean required, boolean warnOnly, Update update, int minRuns,
                           int maxRuns, Path baselineDir, Path historyDir, int historyMaxRuns, int trendRuns,
                           int trendHorizonRuns, boolean writeReport, double thresholdPercent) {

    /** {@code baseline.update}: leave the baseline alone, add this run to it, or start a new one with it. */
    public enum Update { FALSE, APPEND, NEW }

    static GateSettings from(BenchProperties p, BenchmarkConfig config, Path repoRoot) {
        Path baselineDir = orDefault(p.path("baseline.dir"), repoRoot.resolve("results-baseline"));
        int minRuns = p.intAtLeast("baseline.minRuns", 2);
        int maxRuns = p.positiveInt("baseline.maxRuns");
        if (maxRuns < minRuns) {
            throw BenchProperties.bad("baseline.maxRuns", String.valueOf(maxRuns), "at least baseline.minRuns (" + minRuns + ")");
        }
        return new GateSettings(p.bool("baseline.enabled"), p.bool("baseline.required"), p.bool("baseline.warnOnly"),
                update(p), minRuns, maxRuns, baselineDir, orDefault(p.path("history.file.dir"), baselineDir),
                p.positiveInt("history.maxRuns"), p.intAtLeast("trend.runs", 3), p.positiveInt("trend.horizonRuns"),
                p.bool("baseline.report"), config.regressionThresholdPercent());
    }

    /** {@code true} is an alias of {@code append} (the flag the README has always shown). */
    private static Update update(BenchProperties p) {
        return "true".equalsIgnoreCase(p.required("baseline.update")) ? Update.APPEND : p.choice("baseline.update", Update.class);
    }

    private static Path orDefault(Path value, Path fallback) {
        return value != null ? value : fallback;
    }

    /** A copy with the baseline directory (and the history beside it) moved: tests and tools. */
    public GateSettings inDirectory(Path dir) {
        return new GateSettings(enabled, required, warnOnly, update, minRuns, maxRuns, dir, dir, historyMaxRuns,
                trendRuns, trendHorizonRuns, writeReport, thresholdPercent);
    }

    public Path historyFile(String profile, String simulation) {
        return historyDir.resolve(profile).resolve("history").resolve(simulation + ".jsonl");
    }
}
