package org.marlbench.bench.results;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marlbench.bench.files.Json;
import org.marlbench.bench.files.ResultsFileException;
import org.marlbench.bench.testing.SyntheticRuns;

/** stats.json and comparison.json are records: what is written reads back equal, and only the current schema reads. */
class ResultsFilesTest {
    @TempDir
    Path tmp;

    @Test
    void aPlainAndAnAbRunReadBackEqual() throws Exception {
        for (boolean ab : new boolean[] {false, true}) {
            StatsFile written = new SyntheticRuns().with(s -> s.ab = ab).writeRun(tmp.resolve("ab" + ab));
            Path file = tmp.resolve("ab" + ab).resolve("ConcurrentUsersSimulation").resolve(StatsFile.FILE_NAME);
            StatsFile read = Json.readVersioned(file, StatsFile.class, StatsFile.SCHEMA_VERSION);
            assertEquals(written, read);
            assertEquals(ab, read.ab() != null);
            assertEquals(5000, read.measured().count());
            assertEquals("pytorch-2.7.1-seeded", read.target().key());
        }
    }

    @Test
    void aComparisonReadsBackEqual() throws Exception {
        Comparison c = new Comparison(Comparison.SCHEMA_VERSION, "S", "quick", "ab", "unchanged", true, false, "ref",
                List.of(new MetricVerdict("client p50", "µs", 800.0, 810.0, 1.0125, 0.99, 1.03, 4.2, 11.0, "pooled", "unchanged", "r"),
                        MetricVerdict.notEnoughData("client p99", "µs", null, null, "few")),
                List.of(), List.of("m"), List.of(), List.of(), "");
        Path file = tmp.resolve(Comparison.FILE_NAME);
        Json.write(file, c);
        assertEquals(c, Json.readVersioned(file, Comparison.class, Comparison.SCHEMA_VERSION));
        assertEquals(Outcome.UNCHANGED, c.outcomeValue());
    }

    @Test
    void anotherSchemaVersionOrShapeIsAClearErrorNamingTheFile() throws Exception {
        Path old = tmp.resolve("old.json");
        Files.writeString(old, "{\"schemaVersion\": 1, \"simulation\": \"S\"}");
        ResultsFileException e = assertThrows(ResultsFileException.class,
                () -> Json.readVersioned(old, StatsFile.class, StatsFile.SCHEMA_VERSION));
        assertTrue(e.getMessage().startsWith(old + ": schemaVersion 1, this build reads [2]"), e.getMessage());

        Path broken = tmp.resolve("broken.json");
        Files.writeString(broken, "{\"schemaVersion\": 2, \"requests\": 7}");
        e = assertThrows(ResultsFileException.class, () -> Json.readVersioned(broken, StatsFile.class, StatsFile.SCHEMA_VERSION));
        assertTrue(e.getMessage().contains(broken.toString()) && e.getMessage().contains("StatsFile"), e.getMessage());

        Path empty = tmp.resolve("empty.json");
        Files.writeString(empty, "");
        assertThrows(ResultsFileException.class, () -> Json.readVersioned(empty, StatsFile.class, StatsFile.SCHEMA_VERSION));
    }

    @Test
    void outcomeOfTheMetrics() {
        MetricVerdict ok = new MetricVerdict("a", "µs", 1.0, 1.0, 1.0, 0.9, 1.1, 5.0, 10.0, "m", "unchanged", "r");
        MetricVerdict bad = new MetricVerdict("b", "µs", 1.0, 1.3, 1.3, 1.2, 1.4, 5.0, 10.0, "m", "regressed", "r");
        MetricVerdict wide = new MetricVerdict("client p50", "µs", 1.0, 1.0, 1.0, 0.5, 2.0, 90.0, 2.0, "m", "inconclusive", "r");
        MetricVerdict wideTail = new MetricVerdict("client p99", "µs", 1.0, 1.0, 1.0, 0.5, 2.0, 90.0, 2.0, "m", "inconclusive", "r");
        MetricVerdict none = MetricVerdict.notEnoughData("d", "µs", null, null, "why");
        assertEquals(Outcome.REGRESSED, Outcome.of(List.of(ok, wide, bad)));
        assertEquals(Outcome.INCONCLUSIVE, Outcome.of(List.of(ok, wide)));
        assertEquals(Outcome.UNCHANGED, Outcome.of(List.of(ok, wideTail)), "a wide p99 alone does not make a run inconclusive");
        assertEquals(Outcome.UNCHANGED, Outcome.of(List.of(ok, none)));
        assertEquals(Outcome.NOT_ENOUGH_DATA, Outcome.of(List.of(none)));
    }
}
