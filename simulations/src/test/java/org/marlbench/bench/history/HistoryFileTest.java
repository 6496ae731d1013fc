package org.marlbench.bench.history;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marlbench.bench.files.AtomicFiles;
import org.marlbench.bench.results.HistoryLine;

class HistoryFileTest {
    @TempDir
    Path tmp;

    static HistoryLine run(long i) {
        return TrendAnalysisTest.line(1, i, i);
    }

    @Test
    void appendKeepsTheLast100RunsAndLeavesNoTempFiles() throws Exception {
        HistoryFile history = new HistoryFile(tmp.resolve("quick/history/Sim.jsonl"));
        for (int i = 0; i < 130; i++) history.append(run(i), 100);
        List<String> problems = new ArrayList<>();
        List<HistoryLine> entries = history.read(problems);
        assertEquals(100, entries.size());
        assertEquals(30, entries.get(0).count());
        assertEquals(129, entries.get(99).count());
        assertTrue(problems.isEmpty());
        try (Stream<Path> files = Files.list(history.path().getParent())) {
            assertEquals(List.of("Sim.jsonl"), files.map(p -> p.getFileName().toString()).toList(), "temp file left behind");
        }
    }

    @Test
    void aBadLineIsReportedWithFileAndLineAndKept() throws Exception {
        Path file = tmp.resolve("Sim.jsonl");
        Files.writeString(file, "{\"count\":1}\nnot json\n{\"count\":2,\"schemaVersion\":9}\n");
        HistoryFile history = new HistoryFile(file);
        history.append(run(3), 100);
        List<String> problems = new ArrayList<>();
        assertEquals(2, history.read(problems).size());
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(file + ":2: "), problems.get(0));
        assertTrue(problems.get(1).startsWith(file + ":3: schemaVersion 9"), problems.get(1));
        assertEquals(4, Files.readAllLines(file).size(), "nothing is dropped from the file");
    }

    @Test
    void linesOfTheFirstSchemaStillRead() throws Exception {
        // A line written before schema 2 (no schemaVersion, mode or target), as committed in results-baseline/.
        Path file = tmp.resolve("Old.jsonl");
        Files.writeString(file, "{\"recordedAt\":\"2026-11-27T14:34:11Z\",\"runId\":\"r\",\"simulation\":\"S\",\"configProfile\":\"default\","
                + "\"gitCommit\":\"b746cab\",\"status\":\"passed\",\"verdict\":\"no baseline\",\"count\":426179,\"errorRate\":0.0,"
                + "\"throughputPerSecond\":6556.3,\"clientP50Micros\":1057.0,\"clientP95Micros\":2343.0,\"targetP95Ms\":75.0}\n");
        List<String> problems = new ArrayList<>();
        HistoryLine line = new HistoryFile(file).read(problems).get(0);
        assertTrue(problems.isEmpty(), problems.toString());
        assertEquals(1, line.schemaVersion());
        assertEquals(2343.0, line.clientP95Micros());
        assertNull(line.target());
    }

    @Test
    void atomicWriteReplacesWholeContent() throws Exception {
        Path file = tmp.resolve("a/b.txt");
        AtomicFiles.write(file, "first");
        AtomicFiles.write(file, "second");
        assertEquals("second", Files.readString(file));
    }
}
