package org.marlbench.simulations;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * After the quick Gatling run bound to integration-test (see pom.xml): every simulation left
 * a stats.json of this run's quick profile and a Gatling HTML report.
 */
class BenchmarkOutputsIT {
    static final Path BENCHMARK = Path.of(System.getProperty("bench.outputDir", "target/benchmark"));
    static final Path GATLING = Path.of(System.getProperty("gatling.resultsDir", "target/gatling"));

    @ParameterizedTest
    @ValueSource(strings = {"SingleInferenceSimulation", "ConcurrentUsersSimulation", "ErrorPathSimulation", "SoakSimulation",
            "CapacitySimulation"})
    void simulationLeftStatsAndReport(String simulation) throws IOException {
        Path stats = BENCHMARK.resolve(simulation).resolve("stats.json");
        assertTrue(Files.isRegularFile(stats), "missing " + stats);
        JsonNode json = new ObjectMapper().readTree(stats.toFile());
        assertEquals(simulation, json.path("simulation").asText());
        assertEquals("quick", json.path("configProfile").asText());
        assertTrue(json.at("/requests/decision/count").asLong() > 0, "no measured decisions in " + stats);
        assertTrue(json.at("/resources/series").size() > 0, "no resource samples in " + stats);
        assertTrue(json.path("checks").size() > 0);
        if (simulation.equals("SoakSimulation")) {
            assertTrue(json.at("/diagnostics/leak/series").size() >= 1, "leak verdict in " + stats);
            assertTrue(json.at("/diagnostics/profile/topLines").size() > 0, "JFR profile with lines in " + stats);
        }
        if (simulation.equals("CapacitySimulation")) {
            assertTrue(json.at("/diagnostics/capacity/steps").size() >= 1, "capacity steps in " + stats);
        }

        String prefix = simulation.toLowerCase(Locale.ROOT) + "-";
        try (Stream<Path> runs = Files.list(GATLING)) {
            Path latest = runs.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .max(Comparator.comparing(p -> p.getFileName().toString()))
                    .orElseThrow(() -> new AssertionError("no Gatling run of " + simulation + " in " + GATLING));
            assertTrue(Files.isRegularFile(latest.resolve("index.html")), "no HTML report in " + latest);
        }
    }
}
