package org.marlbench.bench.baseline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.marlbench.bench.config.GateSettings;
import org.marlbench.bench.files.Json;
import org.marlbench.bench.files.ResultsFileException;
import org.marlbench.bench.results.Metric;
import org.marlbench.bench.results.StatsFile;

/**
 * The committed baselines, results-baseline/&lt;profile&gt;/&lt;target key&gt;/&lt;Simulation&gt;.json.
 * {@code -Dbaseline.update=append} adds a passing run to its baseline (keeping the last
 * baseline.maxRuns), {@code new} starts a new baseline with it. A baseline file is never lost:
 * before any change the old one is copied to history/&lt;Simulation&gt;-&lt;time&gt;.json beside it.
 */
public final class BaselineStore {
    private final GateSettings settings;

    public BaselineStore(GateSettings settings) {
        this.settings = settings;
    }

    public Path file(StatsFile run) {
        return settings.baselineDir().resolve(run.configProfile()).resolve(run.target().key()).resolve(run.simulation() + ".json");
    }

    /** The baseline of this run's simulation, profile and target, or null when there is none. */
    public BaselineFile read(StatsFile run) throws ResultsFileException {
        Path file = file(run);
        if (!Files.exists(file)) return null;
        BaselineFile b = Json.readVersioned(file, BaselineFile.class, BaselineFile.SCHEMA_VERSION);
        if (!run.simulation().equals(b.simulation()) || !run.configProfile().equals(b.configProfile())) {
            throw new ResultsFileException(file, "holds " + b.simulation() + " (profile " + b.configProfile() + "), expected "
                    + run.simulation() + " (profile " + run.configProfile() + ")");
        }
        if (b.runs() == null || b.machine() == null || b.target() == null) {
            throw new ResultsFileException(file, "lacks runs, machine or target");
        }
        return b;
    }

    /** The figures of one run as a baseline keeps them. */
    public static BaselineFile.Run entry(StatsFile run, Instant now) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (Metric m : Metric.values()) {
            Double v = m.of(run);
            if (v != null) values.put(m.label(), v);
        }
        return new BaselineFile.Run(run.runId(), now.truncatedTo(ChronoUnit.MILLIS).toString(), run.gitCommit(),
                run.measured() == null ? 0 : run.measured().errorRate(),
                run.resources() == null ? null : run.resources().fallbackPercent(), values);
    }

    /**
     * Applies {@code baseline.update} to this run; returns a sentence for the console.
     *
     * @param existing the current baseline (null: none); {@code comparable}: it describes this machine and target
     */
    public String update(StatsFile run, BaselineFile existing, boolean comparable, Instant now) throws IOException {
        GateSettings.Update mode = settings.update();
        Path target = file(run);
        if (!run.passed()) {
            return "-Dbaseline.update=" + mode.name().toLowerCase() + " ignored: this run failed its own checks, so it does not "
                    + "go into a baseline; " + target + " is unchanged";
        }
        List<BaselineFile.Run> runs = new ArrayList<>();
        String how;
        if (mode == GateSettings.Update.APPEND && existing != null) {
            if (!comparable) {
                return "-Dbaseline.update=append refused: " + target + " was recorded on another machine or target; start a "
                        + "new baseline with -Dbaseline.update=new";
            }
            runs.addAll(existing.runs());
            how = "added to";
        } else {
            how = existing == null ? "started" : "replaced (new baseline) in";
        }
        runs.add(entry(run, now));
        List<BaselineFile.Run> kept = runs.subList(Math.max(0, runs.size() - settings.maxRuns()), runs.size());
        String archived = Files.exists(target) ? " (previous file kept as " + archive(target, now) + ")" : "";
        Json.write(target, new BaselineFile(BaselineFile.SCHEMA_VERSION, run.simulation(), run.configProfile(), run.target(),
                run.machine(), List.copyOf(kept)));
        int missing = settings.minRuns() - kept.size();
        return "baseline " + how + " " + target + ": " + kept.size() + " run(s)" + archived
                + (missing > 0 ? "; it judges once it has " + settings.minRuns() + " (record " + missing + " more with -Dbaseline.update=append)" : "");
    }

    private Path archive(Path file, Instant now) throws IOException {
        Path dir = file.getParent().resolve("history");
        Files.createDirectories(dir);
        String name = file.getFileName().toString().replaceFirst("\\.json$", "");
        String stamp = now.truncatedTo(ChronoUnit.MILLIS).toString().replace(':', '-');
        Path archived = dir.resolve(name + "-" + stamp + ".json");
        for (int i = 2; Files.exists(archived); i++) archived = dir.resolve(name + "-" + stamp + "-" + i + ".json");
        Files.copy(file, archived, StandardCopyOption.COPY_ATTRIBUTES);
        return archived;
    }
}
