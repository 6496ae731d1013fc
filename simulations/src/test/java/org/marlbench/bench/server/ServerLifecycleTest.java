package org.marlbench.bench.server;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marlbench.bench.resources.SidecarSeries;
import org.marlbench.feeders.MarketFeed;

/** The real model server, started as a child JVM from this test's own classpath. */
class ServerLifecycleTest {

    @Test
    void startsTheRealServerWaitsHealthyAndStopsIt(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("server.log");
        long sinceMs = System.currentTimeMillis();
        ManagedServer server = ManagedServer.start(ServerClasspath.resolve(), log, new Properties(), Duration.ofSeconds(120));
        try {
            assertTrue(server.alive());
            assertTrue(server.baseUrl().matches("http://127\\.0\\.0\\.1:\\d+"), server.baseUrl());
            assertEquals("UP", HealthCheck.fetch(server.baseUrl()).path("status").asText());
            SpecProbe.requireConformant(server.baseUrl(), MarketFeed.load().get(0).bodyJson());

            // -DbaseUrl path: attaching to a running server.
            ExternalServer external = ExternalServer.attach(server.baseUrl(), Duration.ofSeconds(5));
            assertTrue(external.alive());
            Thread.sleep(600); // let the sampler take a couple of samples
            assertFalse(SidecarSeries.fetch(server.baseUrl(), sinceMs).samples().isEmpty());
        } finally {
            server.close();
        }
        assertFalse(server.alive());
        assertFalse(HealthCheck.isUp(server.baseUrl()));
        assertTrue(Files.readString(log).contains("MODEL_SERVER_URL="), "server output goes to server.log");
        assertTrue(server.deathReport().contains("exited with code"), server.deathReport());
    }

    @Test
    void aClasspathWithoutTheServerIsAClearError(@TempDir Path dir) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ManagedServer.start(
                List.of(dir.toString()), dir.resolve("server.log"), new Properties(), Duration.ofSeconds(60)));
        assertTrue(e.getMessage().contains("exited with code"), e.getMessage());
        assertTrue(e.getMessage().contains(ServerClasspath.MAIN_CLASS), "the JVM's own error is quoted: " + e.getMessage());
    }

    @Test
    void anUnreachableBaseUrlIsAClearError(@TempDir Path dir) {
        Properties system = new Properties();
        system.setProperty("baseUrl", "http://127.0.0.1:9");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ServerTargets.open(system, dir));
        assertTrue(e.getMessage().contains("-DbaseUrl=http://127.0.0.1:9"), e.getMessage());
        assertTrue(e.getMessage().contains("not healthy"), e.getMessage());
    }
}
