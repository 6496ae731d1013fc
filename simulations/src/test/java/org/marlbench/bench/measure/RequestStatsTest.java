package org.marlbench.bench.measure;

import static org.junit.jupiter.api.Assertions.*;

import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.marlbench.bench.results.RequestResult;

class RequestStatsTest {

    @Test
    void failuresAreCountedAndHistogrammedApartFromTheLatencies() {
        RequestStats s = new RequestStats();
        long t0 = System.nanoTime();
        s.record(t0, t0 + 1_500_000, true, OptionalLong.of(900), OptionalLong.of(400));
        // "connection refused" in 80 µs: must never improve a percentile
        for (int i = 0; i < 9; i++) s.record(t0 + 2_000_000, t0 + 2_080_000, false, OptionalLong.empty(), OptionalLong.empty());
        RequestResult r = s.result();
        assertEquals(10, r.count());
        assertEquals(9, r.failures());
        assertEquals(0.9, r.errorRate(), 1e-12);
        assertEquals(1, r.client().count());
        assertEquals(1500, r.client().p50Micros(), 2);
        assertEquals(9, r.failed().count());
        assertEquals(80, r.failed().p50Micros(), 1);
        assertEquals(1, r.serverTotal().count());
        assertEquals(400, r.serverModel().p50Micros());
        assertEquals(0.00208, r.windowSeconds(), 1e-9);
        assertEquals(1 / 0.00208, r.throughputPerSecond(), 1e-6, "throughput counts the successful requests only");
    }

    @Test
    void recordingIsThreadSafe() throws Exception {
        RequestStats s = new RequestStats();
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 25_000; i++) {
                    long now = System.nanoTime();
                    s.record(now, now + 1000 * (1 + i % 100), true, OptionalLong.of(5), OptionalLong.of(3));
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) t.join();
        assertEquals(100_000, s.count());
        assertEquals(100_000, s.result().client().count());
        assertEquals(100_000, s.result().serverTotal().count());
    }

    @Test
    void theTimelineHasOnePointPerSecondFromTheFirstRequest() {
        AtomicLong origin = new AtomicLong(Long.MIN_VALUE);
        Timeline t = new Timeline(origin);
        long t0 = 10_000_000_000L;
        for (int i = 0; i < 100; i++) t.record(t0 + i * 10_000_000L, 100 + i, true); // second 0
        t.record(t0 + 2_500_000_000L, 5000, true);                                 // second 2
        t.record(t0 + 2_600_000_000L, 90, false);
        var points = t.points();
        assertEquals(2, points.size());
        assertEquals(0, points.get(0).second());
        assertEquals(100, points.get(0).ok());
        assertEquals(150, points.get(0).p50Micros(), 2);
        assertEquals(2, points.get(1).second());
        assertEquals(1, points.get(1).failed());
        assertEquals(t0, origin.get(), "the origin is shared by both sides' timelines");
    }
}
