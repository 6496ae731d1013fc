package org.marlbench.bench.load;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.marlbench.bench.config.WarmupSettings;
import org.marlbench.bench.results.WarmupResult;
import org.marlbench.bench.server.Fork;

/** The warm-up on a simulated clock: windows of 100 ms, 50 requests each. */
class SteadyStateWarmupTest {
    static final long WINDOW = 100_000_000L;
    static final List<Fork> ONE = List.of(new Fork(0, "B1", Fork.Side.B, "http://127.0.0.1:9000"));

    /** Runs windows until the warm-up ends (or maxWindows); latency(fork, window) gives each window's requests' µs. */
    static long drive(SteadyStateWarmup w, int maxWindows, java.util.function.BiFunction<Integer, Integer, Long> latency) {
        long now = System.nanoTime();
        int[] windowsOf = new int[8];
        for (int i = 0; i < maxWindows && w.running(); i++) {
            Slot s = w.slot(now);
            int fork = s.fork().index();
            for (int r = 0; r < 50; r++) w.record(w.slot(now + r), latency.apply(fork, windowsOf[fork]), true);
            windowsOf[fork]++;
            now += WINDOW;
        }
        w.slot(now); // closes the last window
        return now;
    }

    @Test
    void aServerIsWarmOnceItsLastWindowMediansAgreeWithinTheTolerance() {
        SteadyStateWarmup w = new SteadyStateWarmup(ONE, new WarmupSettings(10, 100, 50, 3, 5, 20, 20, 1), 0, null);
        // 4000, 2000, 1000, 500, then 300 +- 2 %: steady after three windows near 300
        drive(w, 100, (f, i) -> i < 4 ? 4000L >> i : 300L + (i % 2) * 6);
        WarmupResult r = w.result();
        assertTrue(r.converged());
        assertFalse(w.running());
        List<Long> medians = r.servers().get(0).windowP50Micros();
        assertEquals(7, medians.size(), medians.toString());
        assertEquals(List.of(300L, 306L, 300L), medians.subList(4, 7), "converged on the first three steady windows");
        assertEquals(0.7, r.servers().get(0).seconds(), 1e-9);
    }

    @Test
    void aServerThatKeepsGettingFasterIsNotWarmAndTheWarmupStopsAtItsTimeLimit() {
        SteadyStateWarmup w = new SteadyStateWarmup(ONE, new WarmupSettings(10, 100, 50, 3, 5, 1, 1, 1), 0, null);
        drive(w, 1000, (f, i) -> Math.max(1L, Math.round(1000 * Math.pow(0.9, i)))); // 10 % faster every window
        WarmupResult r = w.result();
        assertFalse(r.converged());
        assertEquals(1.0, r.servers().get(0).seconds(), 1e-9, "1 s of windows at most");
        assertFalse(w.running());
    }

    @Test
    void theTimeLimitIsPerServerSoFourServersInTurnGetFourTimesAsLong() {
        SteadyStateWarmup w = new SteadyStateWarmup(RoundPlanTest.forks(2), new WarmupSettings(10, 100, 50, 3, 5, 1, 1, 1), 0, null);
        drive(w, 1000, (f, i) -> Math.max(1L, Math.round(1000 * Math.pow(0.9, i)))); // never steady
        WarmupResult r = w.result();
        assertFalse(r.converged());
        assertEquals(4.0, r.seconds(), 1e-9, "1 s per server, 4 servers");
        for (int f = 0; f < 4; f++) assertEquals(1.0, r.servers().get(f).seconds(), 0.1, "each server its share: " + r.servers().get(f));
    }

    @Test
    void serversAreWarmedInTurnUntilAllAreSteadySoBothSidesEndEquallyWarm() {
        List<Fork> forks = RoundPlanTest.forks(2);
        SteadyStateWarmup w = new SteadyStateWarmup(forks, new WarmupSettings(10, 100, 50, 3, 5, 20, 20, 1), 0, null);
        // fork 0 is steady at once; the others need 5 windows each
        drive(w, 100, (f, i) -> f == 0 ? 500L : (i < 5 ? 5000L - i * 900L : 400L));
        WarmupResult r = w.result();
        assertTrue(r.converged());
        for (int f = 0; f < 4; f++) {
            assertEquals(8, r.servers().get(f).windowP50Micros().size(), "fork " + f + " keeps its turns: " + r.servers().get(f));
        }
    }

    @Test
    void mediansThatStillCreepDownAreNotSteadyEvenInsideTheBand() {
        SteadyStateWarmup w = new SteadyStateWarmup(ONE, new WarmupSettings(10, 100, 50, 3, 5, 20, 20, 1), 0, null);
        // 1.5 % faster every window for 10 windows (a JIT still compiling), then flat
        drive(w, 100, (f, i) -> i < 10 ? Math.round(600 * Math.pow(0.985, i)) : Math.round(600 * Math.pow(0.985, 10)));
        List<Long> medians = w.result().servers().get(0).windowP50Micros();
        assertTrue(w.result().converged());
        assertTrue(medians.size() >= 12, "not steady while creeping: " + medians);
    }

    @Test
    void aNoisyButLevelServerIsWarmWhenTheMediansOfItsWindowGroupsAgree() {
        SteadyStateWarmup w = new SteadyStateWarmup(ONE, new WarmupSettings(10, 100, 50, 3, 5, 20, 20, 1), 0, null);
        // after 3 cold windows, level at ~500 µs but +-10 % from window to window (ten users on two cores):
        // no three consecutive windows within 5 % of each other, ever
        long[] noisy = {450, 550, 500, 560, 440, 510, 455, 545, 495, 555};
        drive(w, 100, (f, i) -> i < 3 ? 4000L >> i : noisy[(i - 3) % noisy.length]);
        WarmupResult r = w.result();
        assertTrue(r.converged(), r.toString());
        List<Long> medians = r.servers().get(0).windowP50Micros();
        // group medians: {450,550,500} -> 500 and {560,440,510} -> 510, 2 % apart (<= 3 x 5 %/4)
        assertEquals(9, medians.size(), "steady after six level windows: " + medians);
    }

    @Test
    void mediansOfGroupsThatStillCreepDownAreNotSteady() {
        SteadyStateWarmup w = new SteadyStateWarmup(ONE, new WarmupSettings(10, 100, 50, 3, 5, 3, 3, 1), 0, null);
        // +-10 % noise on top of a 2 % per window fall: the groups' medians lie 6 % apart, more than 3.75 %
        long[] wobble = {100, 110, 90};
        drive(w, 1000, (f, i) -> Math.round(6 * wobble[i % 3] * Math.pow(0.98, i)));
        WarmupResult r = w.result();
        assertFalse(r.converged(), r.toString());
        assertEquals(30, r.servers().get(0).windowP50Micros().size(), "ran to its 3 s limit");
    }

    @Test
    void aServerOnceSteadyStaysSteadyWhileTheOthersCatchUp() {
        List<Fork> forks = RoundPlanTest.forks(2);
        SteadyStateWarmup w = new SteadyStateWarmup(forks, new WarmupSettings(10, 100, 50, 3, 5, 20, 20, 1), 0, null);
        // fork 0 is steady after three windows, then jumps between 300 and 600 µs (no rule holds any more);
        // the others need eight windows
        drive(w, 1000, (f, i) -> f == 0 ? (i < 3 ? 300L : 300L * (1 + i % 2)) : (i < 5 ? 5000L - i * 900L : 400L));
        WarmupResult r = w.result();
        assertTrue(r.converged(), r.toString());
        assertTrue(r.servers().get(0).converged(), "still counted as steady: " + r.servers().get(0));
        assertEquals(8, r.servers().get(1).windowP50Micros().size(), r.servers().get(1).toString());
    }

    @Test
    void aWindowOfAFewSlowRequestsDoesNotCountUntilItHoldsItsRequests() {
        // Interpreted and slow at first: 5 requests per 100 ms at 6 ms each. Three such windows agree
        // with each other (a plateau) but hold 15 requests: no proof of a steady state.
        SteadyStateWarmup w = new SteadyStateWarmup(ONE, new WarmupSettings(10, 100, 50, 3, 5, 20, 20, 1), 0, null);
        long now = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            Slot s = w.slot(now);
            for (int r = 0; r < 5; r++) w.record(w.slot(now + r), 6000, true);
            now += WINDOW;
        }
        w.slot(now);
        assertTrue(w.running());
        assertTrue(w.result().servers().get(0).windowP50Micros().isEmpty(), "no window has closed: " + w.result());
    }

    @Test
    void theMinimumRequestsAndTheMinimumTimeHold() {
        SteadyStateWarmup few = new SteadyStateWarmup(ONE, new WarmupSettings(400, 100, 50, 3, 5, 20, 20, 1), 0, null);
        drive(few, 100, (f, i) -> 300L);
        assertEquals(8, few.result().servers().get(0).windowP50Micros().size(), "400 requests = 8 windows of 50");

        SteadyStateWarmup ramp = new SteadyStateWarmup(ONE, new WarmupSettings(10, 100, 50, 3, 5, 20, 20, 1),
                60_000_000_000L, null);
        drive(ramp, 5, (f, i) -> 300L);
        assertTrue(ramp.running(), "steady, but the 60 s user ramp is not over");
    }

    @Test
    void serversWarmedByAnEarlierSimulationAreWarmedAgainUntilSteadyWithTheShorterCapInAll() {
        List<Fork> forks = RoundPlanTest.forks(2);
        // maxSeconds 20 per server, sharedMaxTotalSeconds 2 in all (windows of 100 ms): latencies never steady,
        // 10 % faster every window
        SteadyStateWarmup w = new SteadyStateWarmup(forks, new WarmupSettings(10, 100, 50, 3, 5, 20, 2, 1), 0,
                "ConcurrentUsersSimulation");
        drive(w, 1000, (f, i) -> Math.max(1L, Math.round(1000 * Math.pow(0.9, i))));
        assertTrue(w.finished());
        WarmupResult r = w.result();
        assertFalse(r.converged());
        assertEquals("ConcurrentUsersSimulation", r.warmedBy());
        assertEquals(2.0, r.seconds(), 0.21, "2 s for the 4 servers together, not 2 s or 20 s each");

        // steady latencies: three windows each, as for fresh servers
        SteadyStateWarmup steady = new SteadyStateWarmup(forks, new WarmupSettings(10, 100, 50, 3, 5, 20, 2, 1), 0,
                "ConcurrentUsersSimulation");
        drive(steady, 1000, (f, i) -> 300L);
        assertTrue(steady.result().converged());
        for (WarmupResult.Server s : steady.result().servers()) assertEquals(3, s.windowP50Micros().size(), s.label());
    }
}
