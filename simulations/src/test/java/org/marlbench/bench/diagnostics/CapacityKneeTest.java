package org.marlbench.bench.diagnostics;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.marlbench.bench.results.CapacityResult;

/** The knee of a stepped capacity run, on steps shaped like a server with a throughput cap. */
class CapacityKneeTest {

    /** A server that serves up to capPerSecond; beyond it the queue grows and p99 explodes. */
    static List<CapacityKnee.Measured> cappedServer(double capPerSecond, double start, double step, int steps) {
        List<CapacityKnee.Measured> out = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            double offered = start + i * step;
            double served = Math.min(offered, capPerSecond);
            long p99 = offered <= capPerSecond ? 2_000 + (long) (offered / capPerSecond * 3_000) : 400_000;
            out.add(new CapacityKnee.Measured(offered, served, (long) (served * 5), 0, 900L, p99, 0L));
        }
        return out;
    }

    @Test
    void theKneeOfACappedServerIsFoundWithinTwentyPercent() {
        CapacityResult r = CapacityKnee.judge(cappedServer(2_300, 500, 500, 8), 10, null);
        assertNotNull(r.kneePerSecond());
        assertEquals(2_300, r.kneePerSecond(), 0.2 * 2_300);
        assertTrue(r.verdict().startsWith("knee at 2000"), r.verdict());
        assertFalse(r.steps().get(4).held());
        assertTrue(r.steps().get(4).why().contains("served 2300 of 2500/s"), r.steps().get(4).why());
    }

    @Test
    void errorsOrFallbacksBreakAStepEvenWhenItIsFast() {
        List<CapacityKnee.Measured> steps = new ArrayList<>(cappedServer(10_000, 500, 500, 3));
        steps.set(1, new CapacityKnee.Measured(1000, 1000, 5000, 0, 900L, 3000L, 7L));
        CapacityResult r = CapacityKnee.judge(steps, 10, null);
        assertEquals(500, r.kneePerSecond());
        assertTrue(r.steps().get(1).why().contains("7 fallbacks"));
        assertFalse(r.steps().get(2).held() && r.kneePerSecond() > 500, "no knee after the first broken step");
    }

    @Test
    void verdictsForAllHeldAndNoneHeld() {
        assertTrue(CapacityKnee.judge(cappedServer(99_999, 500, 500, 3), 10, null).verdict().startsWith("every step held"));
        CapacityResult none = CapacityKnee.judge(cappedServer(100, 500, 500, 2), 10, "step 1 broken");
        assertNull(none.kneePerSecond());
        assertEquals("step 1 broken", none.stoppedEarly());
    }

    @Test
    void clearlyBrokenIsWorseThanNotHeld() {
        assertTrue(CapacityKnee.clearlyBroken(new CapacityKnee.Measured(1000, 1000, 5000, 0, 900L, 25_000L, 0L), 10), "p99 over 2x target");
        assertTrue(CapacityKnee.clearlyBroken(new CapacityKnee.Measured(1000, 700, 3500, 0, 900L, 3000L, 0L), 10), "served under 80 %");
        assertFalse(CapacityKnee.clearlyBroken(new CapacityKnee.Measured(1000, 960, 4800, 0, 900L, 12_000L, 0L), 10),
                "over the target but not twice: not held, not clearly broken either");
    }
}
