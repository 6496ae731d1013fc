package org.marlbench.bench.server;

import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The watch of the Maven process, with a stand-in for it: a {@code sleep} that is not this JVM's child
 * (Maven is the simulation JVM's parent, which the JDK can only poll, not wait on).
 */
class OwnerWatchTest {

    @Test
    void theActionRunsWhenTheOwnerEndsAndNotBefore() throws Exception {
        Process shell = new ProcessBuilder("sh", "-c", "sleep 600 & echo $!; wait").start();
        try {
            long pid = Long.parseLong(new BufferedReader(new InputStreamReader(shell.getInputStream())).readLine().trim());
            ProcessHandle maven = ProcessHandle.of(pid).orElseThrow();
            CountDownLatch gone = new CountDownLatch(1);
            OwnerWatch.whenGone(maven, gone::countDown);
            assertFalse(gone.await(1, TimeUnit.SECONDS), "the owner still lives");
            maven.destroy();
            assertTrue(gone.await(10, TimeUnit.SECONDS), "the owner ended: the watch must act");
        } finally {
            shell.descendants().forEach(ProcessHandle::destroyForcibly);
            shell.destroyForcibly();
        }
    }
}
