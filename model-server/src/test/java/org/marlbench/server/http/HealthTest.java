package org.marlbench.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marlbench.server.ModelServer;
import org.marlbench.server.Settings;
import org.marlbench.server.component.StrategicComponent;

class HealthTest {

    /** HTTP answers before the model is loaded: DOWN while the (real) loader waits, UP after. */
    @Test
    void downWhileLoadingThenUp() throws Exception {
        Settings settings = Settings.of(Map.of("server.port", "0"));
        CountDownLatch release = new CountDownLatch(1);
        try (ModelServer server = ModelServer.start(settings, () -> {
            awaitQuietly(release);
            return StrategicComponent.create(settings);
        })) {
            TestClient client = new TestClient(server.url());
            HttpResponse<String> down = client.get("/health");
            assertEquals(503, down.statusCode());
            JsonNode d = TestClient.json(down);
            assertEquals("DOWN", d.get("status").asText());
            assertEquals("model is loading", d.get("reason").asText());
            // A valid decision before the model is there: 503 model_not_ready, not an error page.
            HttpResponse<String> early = client.postJson(TestClient.body(TestClient.matrix(1)));
            ErrorAssertions.assertError(early, 503, "model_not_ready");
            assertTrue(early.headers().firstValue("Retry-After").isPresent());

            release.countDown();
            assertTrue(server.awaitModel(120_000), "the real component should load");
            HttpResponse<String> up = client.get("/health");
            assertEquals(200, up.statusCode(), up.body());
            JsonNode u = TestClient.json(up);
            assertEquals("UP", u.get("status").asText());
            assertEquals("PyTorch", u.get("engine").asText());
            assertTrue(!u.get("engineVersion").asText().isBlank());
            assertEquals(3, u.get("model").get("agents").asInt());
            assertTrue(u.get("model").get("parameters").asLong() > 100_000, u.toString());
            assertEquals(42, u.get("model").get("seed").asLong());
        }
    }

    /** A parameters file that is not one: loading fails, /health says DOWN and why. */
    @Test
    void downWithReasonWhenLoadingFails(@TempDir Path dir) throws Exception {
        Path garbage = Files.writeString(dir.resolve("params.bin"), "this is not a parameters file");
        Settings settings = Settings.of(Map.of("server.port", "0", "model.parametersFile", garbage.toString()));
        try (ModelServer server = ModelServer.start(settings)) {
            server.awaitModel(120_000);
            HttpResponse<String> r = new TestClient(server.url()).get("/health");
            assertEquals(503, r.statusCode());
            JsonNode j = TestClient.json(r);
            assertEquals("DOWN", j.get("status").asText());
            assertTrue(j.get("reason").asText().startsWith("model failed to load: "), j.toString());
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) throw new IllegalStateException("test never released the loader");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
