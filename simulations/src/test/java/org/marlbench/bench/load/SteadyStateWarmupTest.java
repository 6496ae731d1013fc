package org.marlbench.bench.load;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.marlbench.bench.config.WarmupSettings;
import org.marlbench.bench.results.WarmupResult;
import org.marlbench.bench.server.Fork;

/** The warm-up on a simulated clock: a request every 2 ms, windows of at least 100 ms and 50 requests. */
class SteadyStateWarmupTest {
    static final long REQUEST = 2_000_000L;
    static final List<Fork> ONE = List.of(new Fork(0, "B1", Fork.Side.B, "http://127.0.0.1:9000"));

    static WarmupSettings settings(int minRequests, int maxSeconds) {
        return new WarmupSettings(minRequests, 100, 50, 3, 5, maxSeconds, 1);
    }

    /**
     * Sends requests until the warm-up ends (or maxRequests); latency(fork, closed windows of that
     * fork) gives each request's µs. Returns the simulated time at the end.
     */
    static long drive(SteadyStateWarmup w, int maxRequests, BiFunction<Integer, Integer, Long> latency) {
        long now = System.nanoTime();
        for (int i = 0; i < maxRequests && w.running(); i++) {
            Slot s = w.slot(now);
            int fork = s.fork().index();
            w.record(s, latency.apply(fork, w.result().servers().get(fork).windowP50Micros().size()), true);
            now += REQUEST;
        }
        return now;
    }

    @Test
    void aServerIsWarmOnceItsLastWindowMediansAgreeWithinTheTolerance() {
        SteadyStateWarmup w = new SteadyStateWarmup(ONE, settings(10, 20), 0);
        // 4000, 2000, 1000, 500, then 300 +- 2 %: steady after three windows near 300
        drive(w, 10_000, (f, i) -> i < 4 ? 4000L >> i : 300L + (i % 2) * 6);
        WarmupResult r = w.result();
        assertTrue(r.converged());
        assertFalse(w.running());
        List<Long> medians = r.servers().get(0).windowP50Micros();
        assertEquals(7, medians.size(), medians.toString());
        assertEquals(List.of(300L, 306L, 300L), medians.subList(4, 7), "converged on the first three steady windows");
        assertEquals(0.7, r.servers().get(0).seconds(), 0.01, "steady after 7 windows of 50 requests x 2 ms");
    }

    @Test
    void aServerThatKeepsGettingFasterIsNotWarmAndTheWarmupStopsAtItsTimeLimit() {
        SteadyStateWarmup w = new SteadyStateWarmup(ONE, settings(10, 1), 0);
        drive(w, 100_000, (f, i) -> Math.max(1L, Math.round(1000 * Math.pow(0.9, i)))); // 10 % faster every window
        WarmupResult r = w.result();
        assertFalse(r.converged());
        assertEquals(1.0, r.seconds(), 0.11, "1 s of warm-up at most");
        assertFalse(w.running());
    }

    @Test
    void allServersWarmAtOnceAndKeepTheirTurnsUntilAllAreSteady() {
        List<Fork> forks = RoundPlanTest.forks(2);
        SteadyStateWarmup w = new SteadyStateWarmup(forks, settings(10, 20), 0);
        // fork 0 is steady at once; the others need 5 windows each
        drive(w, 100_000, (f, i) -> f == 0 ? 500L : (i < 5 ? 5000L - i * 900L : 400L));
        WarmupResult r = w.result();
        assertTrue(r.converged(), r.toString());
        for (int f = 0; f < 4; f++) {
            int windows = r.servers().get(f).windowP50Micros().size();
            assertTrue(windows >= 7 && windows <= 9, "every server keeps its turns, about equally: fork " + f + " " + r.servers().get(f));
        }
        assertEquals(r.servers().get(0).requests(), r.servers().get(3).requests(), 1, "requests shared out in turn");
        assertTrue(r.servers().get(0).seconds() < r.servers().get(1).seconds(), "fork 0 was steady first");
    }

    @Test
    void mediansThatStillCreepDownAreNotSteadyEvenInsideTheBand() {
        SteadyStateWarmup w = new SteadyStateWarmup(ONE, settings(10, 20), 0);
        // 1.5 % faster every window for 10 windows (a JIT still compiling), then flat
        drive(w, 100_000, (f, i) -> i < 10 ? Math.round(600 * Math.pow(0.985, i)) : Math.round(600 * Math.pow(0.985, 10)));
        List<Long> medians = w.result().servers().get(0).windowP50Micros();
        assertTrue(w.result().converged());
        assertTrue(medians.size() >= 12, "not steady while creeping: " + medians);
    }

    @Test
    void aWindowOfAFewSlowRequestsDoesNotCountUntilItHoldsItsRequests() {
        // Interpreted and slow at first: one request every 6 ms. After 300 ms (three 100 ms spans that
        // would agree with each other), the first window still holds only 50 requests' worth... of time.
        SteadyStateWarmup w = new SteadyStateWarmup(ONE, settings(10, 20), 0);
        long now = System.nanoTime();
        for (int i = 0; i < 45; i++) {
            Slot s = w.slot(now);
            w.record(s, 6000, true);
            now += 6_000_000L;
        }
        assertTrue(w.running());
        assertTrue(w.result().servers().get(0).windowP50Micros().isEmpty(), "no window has closed: " + w.result());
    }

    @Test
    void theMinimumRequestsAndTheMinimumTimeHold() {
        SteadyStateWarmup few = new SteadyStateWarmup(ONE, settings(400, 20), 0);
        drive(few, 100_000, (f, i) -> 300L);
        assertEquals(8, few.result().servers().get(0).windowP50Micros().size(), "400 requests = 8 windows of 50");

        SteadyStateWarmup ramp = new SteadyStateWarmup(ONE, settings(10, 20), 60_000_000_000L);
        drive(ramp, 250, (f, i) -> 300L);
        assertTrue(ramp.result().converged());
        assertTrue(ramp.running(), "steady, but the 60 s user ramp is not over");
    }
}
