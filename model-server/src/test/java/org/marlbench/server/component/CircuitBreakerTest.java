package org.marlbench.server.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final CircuitBreaker breaker = new CircuitBreaker("mlmi", 5, 30_000, now::get);

    @Test
    void opensAfterFiveConsecutiveFailures() {
        for (int i = 0; i < 4; i++) {
            assertTrue(breaker.allow());
            breaker.recordFailure("test");
        }
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
        assertTrue(breaker.allow());
        breaker.recordFailure("test");
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        assertFalse(breaker.allow());
        assertEquals(1, breaker.timesOpened());
    }

    @Test
    void aSuccessResetsTheCount() {
        for (int i = 0; i < 4; i++) breaker.recordFailure("test");
        breaker.recordSuccess();
        for (int i = 0; i < 4; i++) breaker.recordFailure("test");
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
        assertEquals(4, breaker.consecutiveFailures());
    }

    @Test
    void halfOpenTrialAfterTheOpenPeriod() {
        for (int i = 0; i < 5; i++) breaker.recordFailure("test");
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
        for (int i = 0; i < 5; i++) breaker.recordFailure("test");
        now.addAndGet(30_000);
        assertTrue(breaker.allow());
        breaker.recordFailure("test");
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        now.addAndGet(29_999);
        assertFalse(breaker.allow());
        now.addAndGet(1);
        assertTrue(breaker.allow());
        assertEquals(2, breaker.timesOpened());
    }

    /** Regression: state changes were silent. Each transition is logged once, with the agent and reason. */
    @Test
    void transitionsAreLoggedWithAgentAndReason() {
        ch.qos.logback.classic.Logger log = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(CircuitBreaker.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender = new ch.qos.logback.core.read.ListAppender<>();
        appender.start();
        log.addAppender(appender);
        try {
            for (int i = 0; i < 6; i++) breaker.recordFailure("engine error");
            now.addAndGet(30_000);
            assertTrue(breaker.allow());
            breaker.recordSuccess();
            breaker.recordSuccess();
        } finally {
            log.detachAppender(appender);
        }
        List<String> lines = appender.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("WARN") && lines.get(0).contains("agent mlmi: CLOSED -> OPEN")
                && lines.get(0).contains("last: engine error"), lines.get(0));
        assertTrue(lines.get(1).startsWith("INFO") && lines.get(1).contains("agent mlmi: OPEN -> HALF_OPEN"), lines.get(1));
        assertTrue(lines.get(2).startsWith("INFO") && lines.get(2).contains("agent mlmi: HALF_OPEN -> CLOSED"), lines.get(2));
    }
}
