package org.marlbench.bench.baseline;

import java.nio.file.Path;

/**
 * What the gate does, from system properties (documented in results-baseline/README.md):
 * baseline.enabled (true), baseline.dir (&lt;repo root&gt;/results-baseline), baseline.warnOnly
 * (false), baseline.update (false), history.file.dir (&lt;baseline.dir&gt;; files go to
 * &lt;dir&gt;/&lt;profile&gt;/history/&lt;Simulation&gt;.jsonl), history.maxRuns (100),
 * trend.runs (10), trend.horizonRuns (5), baseline.report (true).
 */
public record GateSettings(boolean enabled, Path baselineDir, boolean warnOnly, boolean update,
                           Path historyDir, int historyMaxRuns, int trendRuns, int trendHorizonRuns,
                           boolean writeReport) {

    public static GateSettings fromSystemProperties(Path statsJson) {
        Path root = RepoRoot.find(statsJson);
        Path baselineDir = pathProperty("baseline.dir", root.resolve("results-baseline"));
        return new GateSettings(
                bool("baseline.enabled", true),
                baselineDir,
                bool("baseline.warnOnly", false),
                bool("baseline.update", false),
                pathProperty("history.file.dir", baselineDir),
                intProperty("history.maxRuns", 100),
                intProperty("trend.runs", 10),
                intProperty("trend.horizonRuns", 5),
                bool("baseline.report", true));
    }

    /** Defaults with an explicit baseline directory (tests and tools). */
    public static GateSettings defaults(Path baselineDir) {
        return new GateSettings(true, baselineDir, false, false, baselineDir, 100, 10, 5, true);
    }

    public GateSettings withUpdate(boolean value) {
        return new GateSettings(enabled, baselineDir, warnOnly, value, historyDir, historyMaxRuns, trendRuns, trendHorizonRuns, writeReport);
    }

    public GateSettings withWarnOnly(boolean value) {
        return new GateSettings(enabled, baselineDir, value, update, historyDir, historyMaxRuns, trendRuns, trendHorizonRuns, writeReport);
    }

    public GateSettings withEnabled(boolean value) {
        return new GateSettings(value, baselineDir, warnOnly, update, historyDir, historyMaxRuns, trendRuns, trendHorizonRuns, writeReport);
    }

    public Path baselineFile(String profile, String simulation) {
        return baselineDir.resolve(profile).resolve(simulation + ".json");
    }

    public Path baselineHistoryDir(String profile) {
        return baselineDir.resolve(profile).resolve("history");
    }

    public Path historyFile(String profile, String simulation) {
        return historyDir.resolve(profile).resolve("history").resolve(simulation + ".jsonl");
    }

    private static boolean bool(String name, boolean fallback) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new IllegalArgumentException("-D" + name + " must be true or false, got '" + v + "'");
    }

    private static int intProperty(String name, int fallback) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(v.trim());
            if (parsed < 1) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + name + " must be a positive integer, got '" + v + "'");
        }
    }

    private static Path pathProperty(String name, Path fallback) {
        String v = System.getProperty(name);
        return v == null || v.isBlank() ? fallback : Path.of(v).toAbsolutePath().normalize();
    }
}
