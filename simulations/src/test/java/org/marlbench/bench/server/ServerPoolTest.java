package org.marlbench.bench.server;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared A/B servers of one Maven run, with real model servers and a stand-in for the Maven
 * process (a {@code sleep}): a later simulation attaches to the earlier one's servers, other
 * settings get new servers, and the reaper stops them when the owner ends.
 */
class ServerPoolTest {

    static ServerPool.Spec spec(String label, String heap, Path dir) {
        return new ServerPool.Spec(label, new ManagedServer.Launch(ServerClasspath.resolve(null), heap, "-XX:+UseParallelGC",
                Map.of("server.idleTimeoutMs", "120000"), null, "managed"), dir.resolve("server-" + label + ".log"));
    }

    @Test
    void theKeyChangesWithAnythingThatDecidesWhatAServerIs(@TempDir Path dir) {
        String key = ServerPool.key(List.of(spec("A1", "-Xmx256m", dir), spec("B1", "-Xmx256m", dir)));
        assertEquals(key, ServerPool.key(List.of(spec("A1", "-Xmx256m", dir), spec("B1", "-Xmx256m", dir))));
        assertNotEquals(key, ServerPool.key(List.of(spec("A1", "-Xmx512m", dir), spec("B1", "-Xmx256m", dir))), "heap");
        assertNotEquals(key, ServerPool.key(List.of(spec("A1", "-Xmx256m", dir), spec("B1", "-Xmx256m", dir),
                spec("A2", "-Xmx256m", dir))), "forks");
        ServerPool.Spec otherProps = new ServerPool.Spec("A1", new ManagedServer.Launch(ServerClasspath.resolve(null), "-Xmx256m",
                "-XX:+UseParallelGC", Map.of("server.idleTimeoutMs", "120000", "server.fault.delayMicros", "66"), null, "managed"),
                dir.resolve("x.log"));
        assertNotEquals(key, ServerPool.key(List.of(otherProps, spec("B1", "-Xmx256m", dir))), "server settings");
    }

    @Test
    void aLaterSimulationAttachesOtherSettingsGetNewServersAndTheReaperStopsThemWithMaven(@TempDir Path dir) throws Exception {
        Process maven = new ProcessBuilder("sleep", "600").start();
        Path pool = dir.resolve("pool");
        List<ProcessHandle> started = new ArrayList<>();
        try {
            List<ServerPool.Spec> specs = List.of(spec("A1", "-Xmx256m", dir.resolve("first")));
            ServerPool.Lease first = ServerPool.acquire(pool, maven.toHandle(), specs, "ConcurrentUsersSimulation",
                    Duration.ofSeconds(120), line -> { });
            assertTrue(first.fresh());
            assertNull(first.warmedBy(), "nobody warmed new servers");
            ManagedServer a1 = first.servers().get(0);
            started.add(ProcessHandle.of(a1.pid()).orElseThrow());
            first.servers().forEach(ManagedServer::close); // the simulation ends: a shared server stays up
            assertTrue(a1.alive());
            assertTrue(a1.client().isUp());
            first.markWarm("ConcurrentUsersSimulation");

            List<String> said = new ArrayList<>();
            ServerPool.Lease second = ServerPool.acquire(pool, maven.toHandle(), specs, "SingleInferenceSimulation",
                    Duration.ofSeconds(120), said::add);
            assertFalse(second.fresh());
            assertEquals(a1.pid(), second.servers().get(0).pid(), "the same server JVM");
            assertEquals(a1.baseUrl(), second.servers().get(0).baseUrl());
            assertEquals("ConcurrentUsersSimulation", second.warmedBy());
            assertEquals("ConcurrentUsersSimulation", second.startedBy());
            assertTrue(said.get(0).contains("shared with ConcurrentUsersSimulation"), said.toString());

            // other settings (a different heap) in the same Maven run: the old server is stopped, a new one started
            ServerPool.Lease third = ServerPool.acquire(pool, maven.toHandle(), List.of(spec("A1", "-Xmx300m", dir.resolve("third"))),
                    "ErrorPathSimulation", Duration.ofSeconds(120), line -> { });
            assertTrue(third.fresh());
            assertNull(third.warmedBy());
            ManagedServer other = third.servers().get(0);
            started.add(ProcessHandle.of(other.pid()).orElseThrow());
            assertNotEquals(a1.pid(), other.pid());
            assertTrue(a1.pid() > 0 && !ProcessHandle.of(a1.pid()).map(ProcessHandle::isAlive).orElse(false),
                    "the server with the old settings was stopped");
            assertTrue(other.client().isUp());

            maven.destroy(); // Maven exits: the reaper stops what is left within its poll and the server's shutdown
            ProcessHandle h = started.get(1);
            h.onExit().get(30, TimeUnit.SECONDS);
            assertFalse(h.isAlive(), "reaped after the owner ended");
            Path poolFile = pool.resolve("servers-" + maven.pid() + ".json");
            for (int i = 0; i < 50 && Files.exists(poolFile); i++) Thread.sleep(100);
            assertFalse(Files.exists(poolFile), "the reaper deletes the pool file");
            assertTrue(Files.readString(dir.resolve("third").resolve("server-A1.log")).contains(ServerOutput.URL_PREFIX),
                    "the server wrote its output into its log file");
        } finally {
            maven.destroyForcibly();
            for (ProcessHandle h : started) h.destroyForcibly();
        }
    }

    @Test
    void serversOfAMavenRunThatEndedAreNotAttachedTo(@TempDir Path dir) throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path pool = dir.resolve("pool");
        Files.createDirectories(pool);
        // a pool file left by an ended run, naming a pid that is not a model server (this test's own JVM)
        Path stale = pool.resolve("servers-" + gone.pid() + ".json");
        org.marlbench.bench.files.Json.write(stale, new ServerPool.State(gone.pid(), 1L, "k", "X", null,
                List.of(new ServerPool.Member("A1", ProcessHandle.current().pid(), 1L, "http://127.0.0.1:9", "x.log", "managed"))));
        Process maven = new ProcessBuilder("sleep", "600").start();
        try {
            ServerPool.Lease lease = ServerPool.acquire(pool, maven.toHandle(), List.of(spec("A1", "-Xmx256m", dir)), "S",
                    Duration.ofSeconds(120), line -> { });
            assertTrue(lease.fresh());
            assertFalse(Files.exists(stale), "the ended run's pool file is gone");
            assertTrue(ProcessHandle.current().isAlive(), "a pid that is no model server is never stopped");
            lease.servers().get(0).stop();
        } finally {
            maven.destroyForcibly();
        }
    }
}
