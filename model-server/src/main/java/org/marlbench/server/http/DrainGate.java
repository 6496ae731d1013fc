package org.marlbench.server.http;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The outermost handler: counts every request from arrival to its last byte written, so a
 * shutdown can wait for the ones in flight, and once {@link #beginDrain()} has been called
 * answers every new one 503 shutting_down with Retry-After and Connection: close (the client
 * learns at once, and its connection ends cleanly instead of being cut when the server stops).
 * Replaces Jetty's GracefulHandler, whose 503 had no Retry-After and not our error shape.
 */
final class DrainGate extends Handler.Wrapper {
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final HttpField retryAfter;
    private final String message;
    private volatile boolean draining;

    DrainGate(int retryAfterSeconds) {
        this.retryAfter = new HttpField(HttpHeader.RETRY_AFTER, Integer.toString(retryAfterSeconds));
        this.message = "the server is shutting down; retry after " + retryAfterSeconds + " s (another instance may answer)";
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        // Count before the check: a drain that starts now either sees this request or refuses it.
        inFlight.incrementAndGet();
        Callback counted = new Counted(callback);
        if (draining) {
            refused.incrementAndGet();
            CoreAnswers.error(request, response, counted, 503, "shutting_down", message, true, retryAfter);
            return true;
        }
        try {
            if (super.handle(request, response, counted)) return true;
        } catch (Throwable t) {
            inFlight.decrementAndGet();
            throw t;
        }
        inFlight.decrementAndGet();
        return false;
    }

    /** From now on, new requests are answered 503 shutting_down. */
    void beginDrain() {
        draining = true;
    }

    boolean isDraining() {
        return draining;
    }

    int inFlight() {
        return inFlight.get();
    }

    /** Requests answered 503 shutting_down so far. */
    long refused() {
        return refused.get();
    }

    /** Waits up to timeoutMs for the requests in flight; returns how many are still running (0: drained). */
    int awaitDrained(long timeoutMs) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (inFlight.get() > 0 && System.nanoTime() - deadline < 0) LockSupport.parkNanos(1_000_000);
        return inFlight.get();
    }

    /** Decrements the count once the request is done, whichever way it ends. */
    private final class Counted extends Callback.Nested {
        Counted(Callback callback) {
            super(callback);
        }

        @Override
        public void succeeded() {
            inFlight.decrementAndGet();
            super.succeeded();
        }

        @Override
        public void failed(Throwable x) {
            inFlight.decrementAndGet();
            super.failed(x);
        }
    }
}
