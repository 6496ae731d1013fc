package org.marlbench.bench.diagnostics;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marlbench.bench.results.ProfileResult;

/** A profile summary from a recording made here: the hot method is found, with its source line. */
class JfrSummaryTest {
    static volatile double sink;
    static volatile Object kept;

    /** Burns CPU in one place, and allocates in another. */
    static void hotLoop(long untilNanos) {
        double x = 0;
        while (System.nanoTime() < untilNanos) {
            for (int i = 0; i < 10_000; i++) x += Math.sqrt(i + x);
            kept = new byte[4096];
        }
        sink = x;
    }

    @Test
    void theHotMethodAndItsLineAreOnTop(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("test.jfr");
        try (Recording r = new Recording()) {
            r.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            r.enable("jdk.ObjectAllocationSample").with("throttle", "1000/s");
            r.enable("jdk.GCPhasePause");
            r.start();
            hotLoop(System.nanoTime() + 2_000_000_000L);
            System.gc();
            r.stop();
            r.dump(file);
        }
        ProfileResult p = JfrSummary.read(file, 123.0, 1000, List.of(new ProfileResult.Entry("model", 100, 50)));
        assertTrue(JfrSummary.read(file, null, 1000, List.of()).allocatedBytesPerDecision() > 4096, "estimated from the samples");
        assertTrue(p.cpuSamples() > 20, "samples: " + p.cpuSamples());
        String top = p.topMethods().get(0).name();
        assertTrue(top.endsWith("JfrSummaryTest.hotLoop") || top.startsWith("java.lang.Math"), p.topMethods().toString());
        ProfileResult.Entry line = p.topLines().stream().filter(e -> e.name().contains("JfrSummaryTest.hotLoop:")).findFirst()
                .orElseThrow(() -> new AssertionError("no line of hotLoop in " + p.topLines()));
        int lineNumber = Integer.parseInt(line.name().substring(line.name().lastIndexOf(':') + 1));
        assertTrue(lineNumber > 20, "a real source line: " + line.name());
        assertTrue(p.topAllocationSites().stream().anyMatch(e -> e.name().contains("JfrSummaryTest.hotLoop:")),
                "allocation site: " + p.topAllocationSites());
        assertTrue(p.gcPauses() >= 1);
        assertEquals(123.0, p.allocatedBytesPerDecision());
        assertTrue(p.seconds() > 1.5, String.valueOf(p.seconds()));
    }

    @Test
    void threadsWaitingInNativeCodeAreNotWhereTheTimeGoes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("idle.jfr");
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             Recording r = new Recording()) {
            Thread acceptor = new Thread(() -> {
                try {
                    socket.accept(); // blocks in sun.nio.ch.Net.accept, a native method, for the whole recording
                } catch (java.io.IOException closed) {
                    // the socket closes at the end
                }
            }, "idle-acceptor");
            acceptor.setDaemon(true);
            acceptor.start();
            r.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            r.enable("jdk.NativeMethodSample").withPeriod(Duration.ofMillis(10));
            r.start();
            hotLoop(System.nanoTime() + 1_000_000_000L);
            r.stop();
            r.dump(file);
        }
        ProfileResult p = JfrSummary.read(file, null, 1, List.of());
        assertTrue(p.topMethods().stream().noneMatch(e -> e.name().equals("sun.nio.ch.Net.accept")), "idle accept counted: " + p.topMethods());
        assertTrue(p.topLines().stream().noneMatch(e -> e.name().endsWith(":-1")), "no -1 lines: " + p.topLines());
        assertTrue(p.topLines().get(0).name().contains("hotLoop") || p.topLines().get(0).name().startsWith("java.lang.Math"), p.topLines().toString());
    }
}
