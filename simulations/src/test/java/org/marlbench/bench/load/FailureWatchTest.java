package org.marlbench.bench.load;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.marlbench.bench.config.WarmupSettings;
import org.marlbench.bench.server.Fork;

/** A server that stops answering stops the load within seconds, with the reason. */
class FailureWatchTest {
    static final long SECOND = 1_000_000_000L;

    @Test
    void threeSecondsOfNothingButFailuresTripsIt() {
        List<Fork> forks = RoundPlanTest.forks(1);
        FailureWatch w = new FailureWatch(forks);
        long t = 10 * SECOND;
        for (int i = 0; i < 100; i++) w.record(forks.get(1), true, t += 1_000_000);
        for (int i = 0; i < 1000; i++) w.record(forks.get(1), false, t += 2_000_000); // 2 s of "connection refused"
        assertNull(w.reason(), "2 s is not yet gone");
        w.record(forks.get(0), false, t + SECOND); // another JVM's failures are its own streak
        assertNull(w.reason());
        for (int i = 0; i < 600; i++) w.record(forks.get(1), false, t += 2_000_000);
        assertNotNull(w.reason());
        assertTrue(w.reason().startsWith("server B1 at http://127.0.0.1:9001 stopped answering"), w.reason());
    }

    @Test
    void aSuccessInBetweenResetsTheStreak() {
        List<Fork> forks = RoundPlanTest.forks(1);
        FailureWatch w = new FailureWatch(forks);
        long t = 10 * SECOND;
        for (int i = 0; i < 10_000; i++) w.record(forks.get(1), i % 50 == 0, t += 1_000_000); // 98 % errors: overload, not death
        assertNull(w.reason());
    }

    @Test
    void trafficStopsMeasuringOnceTripped() {
        List<Fork> forks = RoundPlanTest.forks(1).subList(1, 2);
        Fork only = new Fork(0, "B1", Fork.Side.B, "http://127.0.0.1:9");
        Traffic traffic = new Traffic(List.of(only), "decision", new WarmupSettings(10, 1000, 1000, 3, 5, 20, 20, 1), 0,
                RoundPlan.single(only, Long.MAX_VALUE), null);
        assertTrue(traffic.measuring());
        long t = System.nanoTime();
        for (int i = 0; i < 5000; i++) {
            Slot s = traffic.measuredSlot(t);
            traffic.record("decision", s, t, t + 80_000, false, OptionalLong.empty(), OptionalLong.empty());
            t += 1_000_000;
        }
        assertNotNull(traffic.stopReason());
        assertFalse(traffic.measuring());
        assertFalse(traffic.warmingUp());
        assertEquals(5000, traffic.underTestResults().get("decision").failures());
        assertEquals(0, traffic.underTestResults().get("decision").client().count(), "no failure among the latencies");
        assertTrue(forks.size() == 1);
    }
}
