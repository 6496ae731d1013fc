package org.marlbench.bench.run;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.marlbench.bench.measure.LiveWindow;

/** The live console line: µs percentiles, rate, errors, the server's figures and the phase, from a real window. */
class LiveViewTest {

    @Test
    void aWindowOfKnownLatenciesPrintsItsPercentilesRateAndErrors() throws Exception {
        LiveWindow window = new LiveWindow();
        for (int i = 1; i <= 1000; i++) window.record(i, true); // 1..1000 µs
        window.record(5000, false);
        window.record(5000, false);
        Thread.sleep(50);
        LiveWindow.Snapshot s = window.take();
        assertEquals(1000, s.ok());
        assertEquals(2, s.failed());
        assertEquals(500, s.p50Micros(), 5, "p50 of 1..1000 µs");
        assertEquals(990, s.p99Micros(), 10, "p99 of 1..1000 µs");

        String line = LiveView.line(s, ", 3 fallbacks; B1 CPU 97 %, RSS 480 MiB", "A/B round 4 of 24");
        assertTrue(line.matches("last \\d+ s: p50 \\d+ µs, p99 \\d+ µs, \\d+ decisions/s, 2 errors, 3 fallbacks; B1 CPU 97 %, RSS 480 MiB \\| A/B round 4 of 24"),
                line);
        assertTrue(line.contains("p50 " + s.p50Micros() + " µs") && line.contains("p99 " + s.p99Micros() + " µs"), line);
        assertEquals(Math.round(s.perSecond()) + " decisions/s", line.replaceAll(".*µs, (\\d+ decisions/s).*", "$1"));
    }

    @Test
    void theNextWindowStartsEmpty() {
        LiveWindow window = new LiveWindow();
        window.record(100, true);
        assertEquals(1, window.take().ok());
        LiveWindow.Snapshot next = window.take();
        assertEquals(0, next.ok());
        assertEquals(0, next.failed());
    }
}
