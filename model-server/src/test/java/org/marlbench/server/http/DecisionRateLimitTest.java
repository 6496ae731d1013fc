package org.marlbench.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The testaid.maxDecisionsPerSecond limiter, on an injected clock: callers over the rate wait, none is refused. */
class DecisionRateLimitTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void callersAtOnceAreSpacedOneIntervalApart() {
        DecisionRateLimit limit = new DecisionRateLimit(1000, now::get); // 1 ms apart
        for (int i = 0; i < 5; i++) assertEquals(i * 1_000_000L, limit.reserve(), "caller " + i);
    }

    @Test
    void noBurstAfterAPause() {
        DecisionRateLimit limit = new DecisionRateLimit(1000, now::get);
        assertEquals(0, limit.reserve());
        now.addAndGet(1_000_000_000L); // idle for a second: the slots are not saved up
        assertEquals(0, limit.reserve());
        assertEquals(1_000_000L, limit.reserve());
    }

    @Test
    void belowTheRateNobodyWaits() {
        DecisionRateLimit limit = new DecisionRateLimit(500, now::get); // 2 ms apart
        for (int i = 0; i < 1000; i++) {
            assertEquals(0, limit.reserve());
            now.addAndGet(2_500_000L); // 400/s offered
        }
    }

    @Test
    void overTheRateThroughputIsTheRateAndTheQueueGrows() {
        int rate = 2000;
        DecisionRateLimit limit = new DecisionRateLimit(rate, now::get);
        long start = now.get();
        long lastWait = 0;
        int served = 0;
        // 4000/s offered for 10 simulated seconds: each caller proceeds at now + wait.
        for (int i = 0; i < 40_000; i++) {
            lastWait = limit.reserve();
            if (now.get() + lastWait - start < 10_000_000_000L) served++;
            now.addAndGet(250_000L);
        }
        assertTrue(Math.abs(served - 10 * rate) <= 1, "served " + served + " in 10 s at a cap of " + rate + "/s");
        assertTrue(lastWait > 9_000_000_000L, "the last caller waits ~10 s: " + lastWait);
    }

    @Test
    void oddRatesKeepTheirAverage() {
        DecisionRateLimit limit = new DecisionRateLimit(3, now::get);
        assertEquals(333_333_333L, limit.intervalNanos());
        long w = 0;
        for (int i = 0; i < 4; i++) w = limit.reserve();
        assertEquals(999_999_999L, w, "the 4th of 4 callers at once goes ~1 s later");
    }

    @Test
    void acquireReallyWaits() {
        DecisionRateLimit limit = new DecisionRateLimit(100, System::nanoTime); // 10 ms apart
        long t0 = System.nanoTime();
        for (int i = 0; i < 6; i++) limit.acquire();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms >= 49, "6 callers at 100/s take at least 50 ms, took " + ms); // generous: no upper bound on a busy machine
    }

    @Test
    void aRateOfZeroIsNotALimiter() {
        assertThrows(IllegalArgumentException.class, () -> new DecisionRateLimit(0, now::get));
    }
}
