package org.marlbench.bench.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryFileTest {
    @TempDir
    Path tmp;

    @Test
    void appendKeepsTheLast100RunsAndLeavesNoTempFiles() throws Exception {
        HistoryFile history = new HistoryFile(tmp.resolve("quick/history/Sim.jsonl"));
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < 130; i++) {
            history.append(json.createObjectNode().put("run", i), 100);
        }
        List<String> problems = new ArrayList<>();
        List<JsonNode> entries = history.read(problems);
        assertEquals(100, entries.size());
        assertEquals(30, entries.get(0).path("run").asInt());
        assertEquals(129, entries.get(99).path("run").asInt());
        assertTrue(problems.isEmpty());
        try (Stream<Path> files = Files.list(history.path().getParent())) {
            assertEquals(List.of("Sim.jsonl"), files.map(p -> p.getFileName().toString()).toList(), "temp file left behind");
        }
    }

    @Test
    void aCorruptLineIsReportedWithFileAndLineAndKept() throws Exception {
        Path file = tmp.resolve("Sim.jsonl");
        Files.writeString(file, "{\"run\":1}\nnot json\n{\"run\":2}\n");
        HistoryFile history = new HistoryFile(file);
        history.append(new ObjectMapper().createObjectNode().put("run", 3), 100);
        List<String> problems = new ArrayList<>();
        assertEquals(3, history.read(problems).size());
        assertEquals(List.of(file + ":2: not valid JSON, ignored in trends"), problems);
        assertEquals(4, Files.readAllLines(file).size());
    }

    @Test
    void atomicWriteReplacesWholeContent() throws Exception {
        Path file = tmp.resolve("a/b.txt");
        AtomicFiles.write(file, "first");
        AtomicFiles.write(file, "second");
        assertEquals("second", Files.readString(file));
    }
}
