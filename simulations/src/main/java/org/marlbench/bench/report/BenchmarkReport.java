package org.marlbench.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.marlbench.bench.baseline.GateResult;
import org.marlbench.bench.baseline.GateSettings;
import org.marlbench.bench.baseline.StatsDocument;
import org.marlbench.bench.history.AtomicFiles;
import org.marlbench.bench.history.HistoryFile;

/**
 * Regenerates report.txt and report.html from every &lt;benchmarkDir&gt;/*&#47;stats.json, the
 * comparison.json beside each and the history files; called after every simulation.
 */
public final class BenchmarkReport {
    private final GateSettings settings;
    private final Clock clock;

    public BenchmarkReport(GateSettings settings, Clock clock) {
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
        if (!Files.isDirectory(benchmarkDir)) {
            return entries;
        }
        try (Stream<Path> dirs = Files.list(benchmarkDir)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                Path stats = dir.resolve("stats.json");
                if (Files.exists(stats)) {
                    entries.add(entry(dir.getFileName().toString(), stats));
                }
            }
        }
        return entries;
    }

    private ReportEntry entry(String name, Path stats) {
        JsonNode root;
        try {
            root = StatsDocument.JSON.readTree(stats.toFile());
            if (root == null || !root.isObject()) {
                return ReportEntry.unreadable(name, stats + ": not a JSON object");
            }
        } catch (IOException e) {
            return ReportEntry.unreadable(name, stats + ": unreadable (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        JsonNode comparison = MissingNode.getInstance();
        Path comparisonFile = stats.resolveSibling(GateResult.FILE_NAME);
        if (Files.exists(comparisonFile)) {
            try {
                comparison = StatsDocument.JSON.readTree(comparisonFile.toFile());
            } catch (IOException e) {
                return ReportEntry.unreadable(name, comparisonFile + ": unreadable (" + e.getMessage().lines().findFirst().orElse("") + ")");
            }
        }
        List<JsonNode> history = List.of();
        Path historyPath = settings.historyFile(root.path("configProfile").asText("default"), root.path("simulation").asText(name));
        try {
            history = new HistoryFile(historyPath).read(new ArrayList<>());
        } catch (IOException e) {
            // the gate reports history problems; the report just has no trend chart then
        }
        return new ReportEntry(root.path("simulation").asText(name), root, comparison, history, null);
    }
}
