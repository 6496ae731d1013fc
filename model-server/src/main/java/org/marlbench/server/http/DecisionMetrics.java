package org.marlbench.server.http;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import org.marlbench.server.component.StrategicComponent;
import org.marlbench.server.sidecar.InferenceCounters;

/**
 * The decision route's counters and its in-flight limit, exposed to the sidecar as
 * {@link InferenceCounters}. LongAdder: many writer threads, a reader four times a second.
 */
public final class DecisionMetrics implements InferenceCounters {
    private final LongAdder requests = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final int maxInFlight;
    private final Semaphore permits;
    private final ModelHolder model;

    public DecisionMetrics(int maxInFlight, ModelHolder model) {
        this.maxInFlight = maxInFlight;
        this.permits = new Semaphore(maxInFlight);
        this.model = model;
    }

    /** Non-blocking: false when maxInFlight requests are already in flight. */
    boolean tryEnter() {
        return permits.tryAcquire();
    }

    void exit() {
        permits.release();
    }

    void request() {
        requests.increment();
    }

    void error() {
        errors.increment();
    }

    @Override
    public long requests() {
        return requests.sum();
    }

    @Override
    public long errors() {
        return errors.sum();
    }

    @Override
    public long inFlight() {
        return maxInFlight - permits.availablePermits();
    }

    @Override
    public Long nativeArrays() {
        StrategicComponent c = model.component();
        return c == null ? null : c.liveNativeArrays();
    }

    @Override
    public long fallbacks() {
        StrategicComponent c = model.component();
        return c == null ? 0 : c.fallbackCount();
    }
}
