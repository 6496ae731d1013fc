package org.marlbench.bench.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One JSON line per run of one simulation and profile, oldest first, bounded to the last
 * maxRuns lines. Each append rewrites the whole file atomically (temp + move), so a crash
 * never leaves a half-written history. Lines are kept verbatim; a line that is not JSON is
 * reported by {@link #read} (with file and line number) rather than silently ignored.
 */
public final class HistoryFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    public HistoryFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    public void append(ObjectNode entry, int maxRuns) throws IOException {
        List<String> lines = new ArrayList<>(rawLines());
        lines.add(JSON.writeValueAsString(entry));
        List<String> kept = lines.subList(Math.max(0, lines.size() - maxRuns), lines.size());
        AtomicFiles.write(file, String.join("\n", kept) + "\n");
    }

    private List<String> rawLines() throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
    }

    /** Parsed entries, oldest first; unparsable lines go to problems as "file:line: reason". */
    public List<JsonNode> read(List<String> problems) throws IOException {
        List<JsonNode> entries = new ArrayList<>();
        List<String> lines = rawLines();
        for (int i = 0; i < lines.size(); i++) {
            try {
                JsonNode node = JSON.readTree(lines.get(i));
                if (node != null && node.isObject()) {
                    entries.add(node);
                } else {
                    problems.add(file + ":" + (i + 1) + ": not a JSON object, ignored in trends");
                }
            } catch (IOException e) {
                problems.add(file + ":" + (i + 1) + ": not valid JSON, ignored in trends");
            }
        }
        return entries;
    }
}
