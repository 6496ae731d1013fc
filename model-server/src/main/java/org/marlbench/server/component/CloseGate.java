package org.marlbench.server.component;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Counts decisions between entry and return so close() can wait for them: freeing the native weights
 * under a running matmul crashes the JVM. {@link #enter()} increments before it checks the closed flag
 * and {@link #close()} sets the flag before the count is read: one of the two always sees the other.
 */
final class CloseGate {
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean closed;

    /** @throws IllegalStateException once close() has begun */
    void enter() {
        inFlight.incrementAndGet();
        if (closed) {
            inFlight.decrementAndGet();
            throw new IllegalStateException("component is closed");
        }
    }

    void exit() {
        inFlight.decrementAndGet();
    }

    /** Refuses new decisions from now on; false if it was already closed. */
    synchronized boolean close() {
        if (closed) return false;
        closed = true;
        return true;
    }

    boolean isClosed() {
        return closed;
    }

    /** Waits up to timeoutMs for the running decisions; returns how many are still running (0: idle). */
    int awaitIdle(long timeoutMs) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (inFlight.get() > 0 && System.nanoTime() < deadline) LockSupport.parkNanos(200_000);
        return inFlight.get();
    }
}
