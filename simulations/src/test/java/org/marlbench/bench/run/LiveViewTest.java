package org.marlbench.bench.run;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.marlbench.bench.measure.LiveWindow;

/** The live console line from a window (the window itself: LiveWindowTest): µs percentiles, rate, errors, server, phase. */
class LiveViewTest {

    @Test
    void aWindowPrintsItsPercentilesRateErrorsServerAndPhase() {
        LiveWindow.Snapshot s = new LiveWindow.Snapshot(5.0, 1000, 2, 500, 990);

        String line = LiveView.line(s, ", 3 fallbacks; B1 CPU 97 %, RSS 480 MiB", "A/B round 4 of 24");
        assertTrue(line.matches("last \\d+ s: p50 \\d+ µs, p99 \\d+ µs, \\d+ decisions/s, 2 errors, 3 fallbacks; B1 CPU 97 %, RSS 480 MiB \\| A/B round 4 of 24"),
                line);
        assertTrue(line.contains("p50 " + s.p50Micros() + " µs") && line.contains("p99 " + s.p99Micros() + " µs"), line);
        assertEquals(Math.round(s.perSecond()) + " decisions/s", line.replaceAll(".*µs, (\\d+ decisions/s).*", "$1"));
    }
}
