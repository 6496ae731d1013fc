package org.marlbench.bench.stats;

import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Everything measured about one request name: the client latency (nanosecond clock around
 * the request), the server's own total and model durations from Server-Timing, the count,
 * the failures and the measured window (first send to last response). Thread-safe.
 */
public final class RequestStats {
    private final String name;
    private final Histogram client = LatencyHistograms.newConcurrent();
    private final Histogram serverTotal = LatencyHistograms.newConcurrent();
    private final Histogram serverModel = LatencyHistograms.newConcurrent();
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong firstStartEpochMs = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong firstStartNanos = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastEndNanos = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong lastEndEpochMs = new AtomicLong(Long.MIN_VALUE);

    public RequestStats(String name) {
        this.name = name;
    }

    /**
     * One completed request. {@code startNanos}/{@code endNanos} are System.nanoTime around it;
     * server durations are empty when the header lacked them (counted, not recorded).
     */
    public void record(long startNanos, long endNanos, boolean ok,
                       OptionalLong serverTotalMicros, OptionalLong serverModelMicros) {
        long nowMs = System.currentTimeMillis();
        long clientMicros = Math.round((endNanos - startNanos) / 1000.0);
        LatencyHistograms.record(client, clientMicros);
        serverTotalMicros.ifPresent(v -> LatencyHistograms.record(serverTotal, v));
        serverModelMicros.ifPresent(v -> LatencyHistograms.record(serverModel, v));
        count.incrementAndGet();
        if (!ok) failures.incrementAndGet();
        firstStartNanos.accumulateAndGet(startNanos, Math::min);
        firstStartEpochMs.accumulateAndGet(nowMs - (endNanos - startNanos) / 1_000_000, Math::min);
        lastEndNanos.accumulateAndGet(endNanos, Math::max);
        lastEndEpochMs.accumulateAndGet(nowMs, Math::max);
    }

    public String name() {
        return name;
    }

    public long count() {
        return count.get();
    }

    public long failures() {
        return failures.get();
    }

    public double errorRate() {
        long n = count();
        return n == 0 ? 0.0 : (double) failures() / n;
    }

    /** Seconds from the first request sent to the last response received. */
    public double windowSeconds() {
        long n = count();
        if (n == 0) return 0.0;
        return Math.max(0L, lastEndNanos.get() - firstStartNanos.get()) / 1e9;
    }

    public double throughputPerSecond() {
        double s = windowSeconds();
        return s <= 0 ? 0.0 : count() / s;
    }

    public long firstStartEpochMs() {
        return firstStartEpochMs.get();
    }

    public long lastEndEpochMs() {
        return lastEndEpochMs.get();
    }

    public Histogram client() {
        return client.copy();
    }

    public Histogram serverTotal() {
        return serverTotal.copy();
    }

    public Histogram serverModel() {
        return serverModel.copy();
    }
}
