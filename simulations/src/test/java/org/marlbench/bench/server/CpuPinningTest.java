package org.marlbench.bench.server;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pinning real processes: this JVM as the load generator, a {@code sleep} as the server. */
class CpuPinningTest {

    static String allowed(long pid) throws Exception {
        return CpuPinning.list(CpuPinning.allowedCpus(Files.readString(Path.of("/proc/" + pid + "/status"))));
    }

    @Test
    void theAllowedListIsReadAsTheKernelWritesIt() {
        assertEquals(List.of(0, 1), CpuPinning.allowedCpus("Name:\tjava\nCpus_allowed:\t3\nCpus_allowed_list:\t0-1\n"));
        assertEquals(List.of(0, 2, 3, 5), CpuPinning.allowedCpus("Cpus_allowed_list:\t0,2-3,5\n"));
        assertThrows(IllegalArgumentException.class, () -> CpuPinning.allowedCpus("Name:\tjava\n"));
    }

    @Test
    void theLoadGeneratorAndTheServersGetHalvesAndEverythingComesBack() throws Exception {
        long self = ProcessHandle.current().pid();
        String before = allowed(self);
        List<Integer> cpus = CpuPinning.allowedCpus(Files.readString(Path.of("/proc/self/status")));
        Process server = new ProcessBuilder("sleep", "600").start();
        try (CpuPinning p = CpuPinning.apply(List.of(server.pid()))) {
            if (cpus.size() < 2) {
                assertFalse(p.pinned(), p.description());
                return;
            }
            assertTrue(p.pinned(), p.description());
            int half = cpus.size() / 2;
            assertEquals(CpuPinning.list(cpus.subList(0, half)), allowed(self));
            assertEquals(CpuPinning.list(cpus.subList(half, cpus.size())), allowed(server.pid()));
            assertTrue(p.description().startsWith("load generator on CPU "), p.description());
        } finally {
            assertEquals(before, allowed(self), "this JVM has all its CPUs back");
            assertEquals(before, allowed(server.pid()), "so has the server");
            server.destroyForcibly();
        }
    }

    @Test
    void withoutServersOfItsOwnNothingIsPinned() {
        CpuPinning p = CpuPinning.apply(List.of());
        assertFalse(p.pinned());
        assertTrue(p.description().startsWith("not pinned: "), p.description());
        p.close();
    }
}
