package org.marlbench.bench.history;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.marlbench.bench.files.AtomicFiles;
import org.marlbench.bench.files.Json;
import org.marlbench.bench.files.ResultsFileException;
import org.marlbench.bench.results.HistoryLine;

/**
 * One JSON line per run of one simulation and profile, oldest first, bounded to the last maxRuns
 * lines. Each append rewrites the whole file atomically (temp + move), so a crash never leaves a
 * half-written history. Lines are kept verbatim; a line that cannot be read is reported by
 * {@link #read} (with file and line number), never silently dropped from the file.
 */
public final class HistoryFile {
    /** Schema 1 lines (no schemaVersion field) have the same fields, minus mode and target. */
    static final int LEGACY_VERSION = 1;

    private final Path file;

    public HistoryFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    public void append(HistoryLine line, int maxRuns) throws IOException {
        List<String> lines = new ArrayList<>(rawLines());
        lines.add(Json.line(line));
        List<String> kept = lines.subList(Math.max(0, lines.size() - maxRuns), lines.size());
        AtomicFiles.write(file, String.join("\n", kept) + "\n");
    }

    private List<String> rawLines() throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
    }

    /** Parsed lines, oldest first; unreadable ones go to problems as "file:line: reason". */
    public List<HistoryLine> read(List<String> problems) throws IOException {
        List<HistoryLine> entries = new ArrayList<>();
        List<String> lines = rawLines();
        for (int i = 0; i < lines.size(); i++) {
            try {
                JsonNode node = Json.MAPPER.readTree(lines.get(i));
                if (node != null && node.isObject() && !node.has("schemaVersion")) {
                    ((com.fasterxml.jackson.databind.node.ObjectNode) node).put("schemaVersion", LEGACY_VERSION);
                }
                entries.add(Json.bindVersioned(file, node, HistoryLine.class, LEGACY_VERSION, HistoryLine.SCHEMA_VERSION));
            } catch (IOException | ResultsFileException e) {
                problems.add(file + ":" + (i + 1) + ": " + e.getMessage().replace(file + ": ", "") + ", ignored in trends");
            }
        }
        return entries;
    }
}
