package org.marlbench.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.marlbench.server.ModelServer;

/**
 * The real server on a free port with model.source=torchscript on the fixtures of
 * src/test/resources/torchscript (make_fixtures.py): decisions over HTTP equal Python's reference
 * (expected.json) to 1e-5, /health names the source and the files; a bad folder is /health DOWN with
 * the reason, never a 500 at the first request.
 */
class TorchScriptServerTest {
    private static final List<String> AGENTS = List.of("mlmi", "nwrqk", "regime");
    private static final List<String> FILES = List.of("mlmi.pt", "nwrqk.pt", "regime.pt", "gating.pt");

    @TempDir
    Path tmp;

    static Path fixture(String name) {
        try {
            return Path.of(TorchScriptServerTest.class.getResource("/torchscript/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("fixture " + name + " missing from the test classpath", e);
        }
    }

    private static ModelServer start(Path dir) {
        return ModelServer.start(DecisionTest.settings("model.source", "torchscript", "model.torchscript.dir", dir.toString()));
    }

    /** trained: plain agents, stacked, gating in Java; scripted: everything runs as TorchScript modules. */
    @ParameterizedTest
    @ValueSource(strings = {"trained", "scripted"})
    void decisionsOverHttpMatchThePythonReference(String folder) throws Exception {
        JsonNode expected = TestClient.MAPPER.readTree(fixture(folder).resolve("expected.json").toFile());
        try (ModelServer server = start(fixture(folder))) {
            assertTrue(server.awaitModel(180_000), "the model should load");
            TestClient client = new TestClient(server.url());

            JsonNode health = TestClient.json(client.get("/health"));
            assertEquals("UP", health.get("status").asText(), health.toString());
            JsonNode model = health.get("model");
            assertEquals("torchscript", model.get("source").asText());
            assertTrue(model.get("seed").isNull(), model.toString());
            assertEquals(3, model.get("agents").asInt());
            assertTrue(model.get("parameters").asLong() > 0, model.toString());
            assertEquals(folder.equals("trained") ? "stacked" : "modules", model.get("agentsRunAs").asText());
            assertEquals(folder.equals("trained") ? "java" : "module", model.get("gatingRunsAs").asText());
            JsonNode files = model.get("files");
            assertTrue(files.isArray(), model.toString());
            assertEquals(FILES.size(), files.size());
            for (int i = 0; i < FILES.size(); i++) {
                JsonNode f = files.get(i);
                assertEquals(FILES.get(i), f.get("name").asText());
                assertEquals(expected.get("files").get(FILES.get(i).replace(".pt", "")).asText(), f.get("sha256").asText());
                assertEquals(Files.size(fixture(folder).resolve(FILES.get(i))), f.get("sizeBytes").asLong());
            }

            JsonNode matrices = expected.get("matrices");
            for (int i = 0; i < matrices.size(); i++) {
                HttpResponse<String> r = client.postJson("{\"matrix\":" + rows(matrices.get(i)) + "}");
                assertEquals(200, r.statusCode(), r.body());
                assertDecision(expected.get("decisions").get(i), TestClient.json(r), folder + " matrix " + i);
            }
        }
    }

    /** Every field SPEC section 1 derives from the logits, as the JSON answer carries it. */
    private static void assertDecision(JsonNode want, JsonNode got, String what) {
        assertEquals(want.get("action").asText(), got.get("action").asText(), what);
        assertEquals(want.get("confidence").asDouble(), got.get("confidence").asDouble(), 1e-5, what);
        assertEquals(want.get("uncertainty").asDouble(), got.get("uncertainty").asDouble(), 1e-5, what);
        assertEquals(want.get("shouldProceed").asBoolean(), got.get("shouldProceed").asBoolean(), what);
        assertEquals(want.get("regime").asText(), got.get("regime").asText(), what);
        JsonNode metrics = got.get("performanceMetrics");
        assertEquals(0, metrics.get("fallbackAgents").size(), what + ": " + got);
        for (int k = 0; k < 3; k++) {
            assertEquals(want.get("ensembleProbabilities").get(k).asDouble(), metrics.get("ensembleProbabilities").get(k).asDouble(), 1e-5, what);
            assertEquals(want.get("gatingWeights").get(k).asDouble(), metrics.get("gatingWeights").get(k).asDouble(), 1e-5, what);
            String agent = AGENTS.get(k);
            assertEquals(want.get("individualConfidences").get(k).asDouble(), metrics.get("individualConfidences").get(agent).asDouble(), 1e-5, what);
            assertEquals(want.get("agentContributions").get(k).asDouble(), got.get("agentContributions").get(agent).asDouble(), 1e-5, what);
        }
    }

    /** expected.json keeps each matrix flat (624 values, row-major); the request wants 48 rows of 13. */
    private static String rows(JsonNode flat) {
        ArrayNode out = TestClient.MAPPER.createArrayNode();
        for (int r = 0; r < 48; r++) {
            ArrayNode row = out.addArray();
            for (int c = 0; c < 13; c++) row.add(flat.get(r * 13 + c));
        }
        return out.toString();
    }

    /** The default source says so too: the benchmark keys its baselines by source and files. */
    @Test
    void theSeededSourceHasNoFilesAndASeed() throws Exception {
        try (ModelServer server = ModelServer.start(DecisionTest.settings())) {
            assertTrue(server.awaitModel(180_000));
            JsonNode model = TestClient.json(new TestClient(server.url()).get("/health")).get("model");
            assertEquals("seeded", model.get("source").asText());
            assertEquals(42, model.get("seed").asLong());
            assertTrue(model.get("files").isArray() && model.get("files").isEmpty(), model.toString());
            assertEquals("stacked", model.get("agentsRunAs").asText());
            assertEquals("java", model.get("gatingRunsAs").asText());
        }
    }

    /** A module of the wrong input width: /health DOWN naming the file and the shapes, decisions 503 (not 500). */
    @Test
    void aBadFolderIsHealthDownWithTheReason() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("model"));
        try (Stream<Path> files = Files.list(fixture("trained"))) {
            for (Path f : files.toList()) Files.copy(f, dir.resolve(f.getFileName()));
        }
        Files.copy(fixture("bad/mlmi-input-100.pt"), dir.resolve("mlmi.pt"), StandardCopyOption.REPLACE_EXISTING);
        try (ModelServer server = start(dir)) {
            assertTrue(!server.awaitModel(180_000), "the model must not load");
            TestClient client = new TestClient(server.url());
            HttpResponse<String> health = client.get("/health");
            assertEquals(503, health.statusCode());
            JsonNode h = TestClient.json(health);
            assertEquals("DOWN", h.get("status").asText());
            String reason = h.get("reason").asText();
            assertTrue(reason.startsWith("model failed to load: " + dir.resolve("mlmi.pt") + ": a trial forward on float32 [4, 192] failed"), reason);
            assertTrue(reason.contains("takes float32 [batch, 192] (columns [0, 1, 9, 10] of all 48 rows"), reason);
            assertTrue(reason.contains("returns float32 [batch, 3]"), reason);
            ErrorAssertions.assertError(client.postJson(TestClient.body(TestClient.matrix(1))), 503, "model_not_ready");
        }
    }

    /** A folder without the files fails before the engine even loads, naming each missing file. */
    @Test
    void aMissingFileIsHealthDownNamingIt() throws IOException, InterruptedException {
        Path dir = Files.createDirectories(tmp.resolve("empty"));
        try (ModelServer server = start(dir)) {
            assertTrue(!server.awaitModel(60_000));
            JsonNode h = TestClient.json(new TestClient(server.url()).get("/health"));
            String reason = h.get("reason").asText();
            for (String f : FILES) assertTrue(reason.contains(dir.resolve(f) + " is missing"), reason);
        }
    }
}
