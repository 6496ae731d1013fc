package org.marlbench.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.marlbench.bench.config.GateSettings;
import org.marlbench.bench.files.AtomicFiles;
import org.marlbench.bench.files.Json;
import org.marlbench.bench.files.ResultsFileException;
import org.marlbench.bench.history.HistoryFile;
import org.marlbench.bench.results.Comparison;
import org.marlbench.bench.results.HistoryLine;
import org.marlbench.bench.results.StatsFile;

/**
 * Regenerates report.txt and report.html from every &lt;benchmarkDir&gt;/*&#47;stats.json, the
 * comparison.json beside each and their history files, all read through the typed records; called
 * after every simulation (each runs in its own JVM, so the others' results are read from disk).
 */
public final class ReportWriter {
    private final GateSettings settings;
    private final Clock clock;

    public ReportWriter(GateSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    public List<Path> write(Path benchmarkDir) throws IOException {
        List<ReportEntry> entries = load(benchmarkDir);
        Path txt = benchmarkDir.resolve("report.txt");
        Path html = benchmarkDir.resolve("report.html");
        AtomicFiles.write(txt, TextReport.render(entries, clock.instant()));
        AtomicFiles.write(html, HtmlReport.render(entries, clock.instant()));
        return List.of(txt, html);
    }

    List<ReportEntry> load(Path benchmarkDir) throws IOException {
        List<ReportEntry> entries = new ArrayList<>();
        if (!Files.isDirectory(benchmarkDir)) return entries;
        try (Stream<Path> dirs = Files.list(benchmarkDir)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                Path stats = dir.resolve(StatsFile.FILE_NAME);
                if (Files.exists(stats)) entries.add(entry(dir.getFileName().toString(), stats));
            }
        }
        return entries;
    }

    private ReportEntry entry(String name, Path statsFile) {
        StatsFile stats;
        Comparison comparison = null;
        try {
            stats = Json.readVersioned(statsFile, StatsFile.class, StatsFile.SCHEMA_VERSION);
            Path comparisonFile = statsFile.resolveSibling(Comparison.FILE_NAME);
            if (Files.exists(comparisonFile)) {
                comparison = Json.readVersioned(comparisonFile, Comparison.class, Comparison.SCHEMA_VERSION);
            }
        } catch (ResultsFileException e) {
            return ReportEntry.unreadable(name, e.getMessage());
        }
        List<HistoryLine> history = List.of();
        try {
            history = new HistoryFile(settings.historyFile(stats.configProfile(), stats.simulation())).read(new ArrayList<>());
        } catch (IOException e) {
            // the gate reports history problems; the report just has no trend chart then
        }
        return new ReportEntry(stats.simulation(), stats, comparison, history, null);
    }
}
