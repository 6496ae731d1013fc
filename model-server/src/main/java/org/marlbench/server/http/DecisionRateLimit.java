package org.marlbench.server.http;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * TEST AID (testaid.maxDecisionsPerSecond): at most {@code perSecond} decisions a second, evenly spaced.
 * A caller over the rate is not refused: it waits for its turn. Each caller reserves the next free slot
 * (the slots are 1/perSecond apart; a slot left unused while nobody asked is lost, so there is no burst
 * after a pause) and then waits until that slot. Over the rate the queue of waiting callers, and their
 * latency, grows without bound: the server behaves as one whose capacity is perSecond.
 */
final class DecisionRateLimit {
    private final long intervalNanos;
    private final LongSupplier clockNanos;
    private long nextSlotNanos; // guarded by this

    /** @param perSecond decisions per second, >= 1 */
    DecisionRateLimit(int perSecond, LongSupplier clockNanos) {
        if (perSecond < 1) throw new IllegalArgumentException("testaid.maxDecisionsPerSecond must be >= 1, got " + perSecond);
        this.intervalNanos = Math.max(1, Math.round(1e9 / perSecond));
        this.clockNanos = clockNanos;
        this.nextSlotNanos = clockNanos.getAsLong();
    }

    /** Takes the next free slot; returns how long the caller must wait for it (0 = go now). */
    long reserve() {
        long now = clockNanos.getAsLong();
        long slot;
        synchronized (this) {
            slot = Math.max(nextSlotNanos, now);
            nextSlotNanos = slot + intervalNanos;
        }
        return slot - now;
    }

    /** Waits for this caller's slot; an interrupt (a stopping server) ends the wait early. */
    void acquire() {
        long wait = reserve();
        if (wait <= 0) return;
        long until = clockNanos.getAsLong() + wait;
        long left;
        while ((left = until - clockNanos.getAsLong()) > 0) {
            LockSupport.parkNanos(left);
            if (Thread.currentThread().isInterrupted()) return;
        }
    }

    long intervalNanos() {
        return intervalNanos;
    }
}
