package org.marlbench.bench.server;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marlbench.feeders.MarketFeed;

/** The real model server, started as a child JVM from this test's own classpath. */
class ServerLifecycleTest {

    static ManagedServer.Launch launch(List<String> classpath) {
        return new ManagedServer.Launch(classpath, "-Xmx256m", "-XX:+UseParallelGC", Map.of(), null, "managed");
    }

    @Test
    void startsTheRealServerWaitsHealthyAndStopsIt(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("server.log");
        long sinceMs = System.currentTimeMillis();
        ManagedServer server = ManagedServer.launch(launch(ServerClasspath.resolve(null)), log).awaitReady(Duration.ofSeconds(120));
        try {
            assertTrue(server.alive());
            assertTrue(server.baseUrl().matches("http://127\\.0\\.0\\.1:\\d+"), server.baseUrl());
            assertEquals("UP", server.client().health().path("status").asText());
            SpecProbe.requireConformant(server.client(), MarketFeed.load().get(0).bodyJson());

            // -DbaseUrl path: attaching to a running server.
            ExternalServer external = ExternalServer.attach(server.baseUrl(), null, "-DbaseUrl", Duration.ofSeconds(5));
            assertTrue(external.alive());
            Thread.sleep(600); // let the sampler take a couple of samples
            SidecarSeries series = server.client().series(sinceMs);
            assertFalse(series.samples().isEmpty());
            assertTrue(series.samples().get(0).epochMs() >= sinceMs);
            var target = ServerSet.describe(server, "under test", "abc", 1);
            assertEquals("PyTorch", target.engine());
        } finally {
            server.close();
        }
        assertFalse(server.alive());
        assertFalse(server.client().isUp());
        assertTrue(Files.readString(log).contains("MODEL_SERVER_URL="), "server output goes to server.log");
        assertTrue(server.deathReport().contains("exited with code"), server.deathReport());
    }

    @Test
    void aClasspathWithoutTheServerIsAClearError(@TempDir Path dir) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ManagedServer.launch(
                launch(List.of(dir.toString())), dir.resolve("server.log")).awaitReady(Duration.ofSeconds(60)));
        assertTrue(e.getMessage().contains("exited with code"), e.getMessage());
        assertTrue(e.getMessage().contains(ServerClasspath.MAIN_CLASS), "the JVM's own error is quoted: " + e.getMessage());
    }

    @Test
    void anUnreachableBaseUrlIsAClearError() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ExternalServer.attach("http://127.0.0.1:9", null, "-DbaseUrl", Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains("-DbaseUrl=http://127.0.0.1:9"), e.getMessage());
        assertTrue(e.getMessage().contains("not healthy"), e.getMessage());
    }
}
