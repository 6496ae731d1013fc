package org.marlbench.server.component;

import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One agent's circuit breaker: CLOSED until {@code failureThreshold} consecutive failures, then OPEN
 * (the agent falls back without being consulted) for {@code openNanos}, then HALF_OPEN: exactly one
 * trial call; its success closes the breaker, its failure re-opens it for another period.
 * Every state change is logged (OPEN at WARN with the reason, HALF_OPEN and CLOSED at INFO); the
 * log call happens outside the lock and only on a change, so the common path logs nothing.
 */
final class CircuitBreaker {
    enum State { CLOSED, OPEN, HALF_OPEN }

    private static final Logger LOG = LoggerFactory.getLogger(CircuitBreaker.class);

    private final String agent;
    private final int failureThreshold;
    private final long openNanos;
    private final LongSupplier clockNanos;
    private State state = State.CLOSED;
    private int consecutiveFailures;
    private long openedAtNanos;
    private long timesOpened;

    CircuitBreaker(String agent, int failureThreshold, long openNanos, LongSupplier clockNanos) {
        if (failureThreshold < 1) throw new IllegalArgumentException("model.breaker.failures must be >= 1");
        if (openNanos < 0) throw new IllegalArgumentException("model.breaker.openMs must be >= 0");
        this.agent = agent;
        this.failureThreshold = failureThreshold;
        this.openNanos = openNanos;
        this.clockNanos = clockNanos;
    }

    /** May the agent run now? An OPEN breaker past its period lets this one call through as the trial. */
    boolean allow() {
        synchronized (this) {
            switch (state) {
                case CLOSED:
                    return true;
                case OPEN:
                    if (clockNanos.getAsLong() - openedAtNanos < openNanos) return false;
                    state = State.HALF_OPEN;
                    break;
                default: // HALF_OPEN: the trial is already out
                    return false;
            }
        }
        LOG.info("circuit breaker of agent {}: OPEN -> HALF_OPEN (open period of {} ms over, one trial call)",
                agent, openNanos / 1_000_000);
        return true;
    }

    void recordSuccess() {
        State before;
        synchronized (this) {
            consecutiveFailures = 0;
            before = state;
            state = State.CLOSED;
        }
        if (before != State.CLOSED) LOG.info("circuit breaker of agent {}: {} -> CLOSED (call succeeded)", agent, before);
    }

    /** @param reason why the call failed, for the log (e.g. "engine error") */
    void recordFailure(String reason) {
        State before;
        State after;
        int failures;
        synchronized (this) {
            consecutiveFailures++;
            failures = consecutiveFailures;
            before = state;
            if (state == State.HALF_OPEN || consecutiveFailures >= failureThreshold) {
                if (state != State.OPEN) timesOpened++;
                state = State.OPEN;
                openedAtNanos = clockNanos.getAsLong();
            }
            after = state;
        }
        if (before != State.OPEN && after == State.OPEN) {
            LOG.warn("circuit breaker of agent {}: {} -> OPEN for {} ms after {} consecutive failure(s), last: {}",
                    agent, before, openNanos / 1_000_000, failures, reason);
        }
    }

    /** Back to CLOSED with no failures counted (after the warm-up, whose slow passes must not count). */
    synchronized void reset() {
        state = State.CLOSED;
        consecutiveFailures = 0;
    }

    synchronized State state() {
        return state;
    }

    synchronized int consecutiveFailures() {
        return consecutiveFailures;
    }

    synchronized long timesOpened() {
        return timesOpened;
    }
}
