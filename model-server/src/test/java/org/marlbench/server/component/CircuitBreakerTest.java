package org.marlbench.server.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final CircuitBreaker breaker = new CircuitBreaker(5, 30_000, now::get);

    @Test
    void opensAfterFiveConsecutiveFailures() {
        for (int i = 0; i < 4; i++) {
            assertTrue(breaker.allow());
            breaker.recordFailure();
        }
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
        assertTrue(breaker.allow());
        breaker.recordFailure();
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        assertFalse(breaker.allow());
        assertEquals(1, breaker.timesOpened());
    }

    @Test
    void aSuccessResetsTheCount() {
        for (int i = 0; i < 4; i++) breaker.recordFailure();
        breaker.recordSuccess();
        for (int i = 0; i < 4; i++) breaker.recordFailure();
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
        assertEquals(4, breaker.consecutiveFailures());
    }

    @Test
    void halfOpenTrialAfterTheOpenPeriod() {
        for (int i = 0; i < 5; i++) breaker.recordFailure();
        now.addAndGet(29_999);
        assertFalse(breaker.allow());
        now.addAndGet(1);
        assertTrue(breaker.allow(), "one trial after the open period");
        assertEquals(CircuitBreaker.State.HALF_OPEN, breaker.state());
        assertFalse(breaker.allow(), "only one trial at a time");
        breaker.recordSuccess();
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
        assertTrue(breaker.allow());
    }

    @Test
    void failedTrialReopensForAnotherPeriod() {
        for (int i = 0; i < 5; i++) breaker.recordFailure();
        now.addAndGet(30_000);
        assertTrue(breaker.allow());
        breaker.recordFailure();
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        now.addAndGet(29_999);
        assertFalse(breaker.allow());
        now.addAndGet(1);
        assertTrue(breaker.allow());
        assertEquals(2, breaker.timesOpened());
    }
}
