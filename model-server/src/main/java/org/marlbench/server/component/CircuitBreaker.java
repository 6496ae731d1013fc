package org.marlbench.server.component;

import java.util.function.LongSupplier;

/**
 * One agent's circuit breaker: CLOSED until {@code failureThreshold} consecutive failures, then OPEN
 * (the agent falls back without being consulted) for {@code openNanos}, then HALF_OPEN: exactly one
 * trial call; its success closes the breaker, its failure re-opens it for another period.
 */
final class CircuitBreaker {
    enum State { CLOSED, OPEN, HALF_OPEN }

    private final int failureThreshold;
    private final long openNanos;
    private final LongSupplier clockNanos;
    private State state = State.CLOSED;
    private int consecutiveFailures;
    private long openedAtNanos;
    private long timesOpened;

    CircuitBreaker(int failureThreshold, long openNanos, LongSupplier clockNanos) {
        if (failureThreshold < 1) throw new IllegalArgumentException("model.breaker.failures must be >= 1");
        if (openNanos < 0) throw new IllegalArgumentException("model.breaker.openMs must be >= 0");
        this.failureThreshold = failureThreshold;
        this.openNanos = openNanos;
        this.clockNanos = clockNanos;
    }

    /** May the agent run now? An OPEN breaker past its period lets this one call through as the trial. */
    synchronized boolean allow() {
        switch (state) {
            case CLOSED:
                return true;
            case OPEN:
                if (clockNanos.getAsLong() - openedAtNanos >= openNanos) {
                    state = State.HALF_OPEN;
                    return true;
                }
                return false;
            default: // HALF_OPEN: the trial is already out
                return false;
        }
    }

    synchronized void recordSuccess() {
        consecutiveFailures = 0;
        state = State.CLOSED;
    }

    synchronized void recordFailure() {
        consecutiveFailures++;
        if (state == State.HALF_OPEN || consecutiveFailures >= failureThreshold) {
            if (state != State.OPEN) timesOpened++;
            state = State.OPEN;
            openedAtNanos = clockNanos.getAsLong();
        }
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
