package org.marlbench.bench.measure;

import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.marlbench.bench.results.LatencyBlock;
import org.marlbench.bench.results.RequestResult;
import org.marlbench.bench.stats.Histograms;

/**
 * Everything measured about one request name (or one A/B round): client latency (nanosecond clock
 * around the request) and the server's own total and model durations from Server-Timing, for the
 * successful requests; the latencies of failed ones apart; counts and the window from the first
 * request sent to the last answered. Thread-safe: every load-generator thread records into it.
 */
public final class RequestStats {
    private final Histogram client = Histograms.newConcurrent();
    private final Histogram failed = Histograms.newConcurrent();
    private final Histogram serverTotal = Histograms.newConcurrent();
    private final Histogram serverModel = Histograms.newConcurrent();
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong firstStartNanos = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastEndNanos = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong firstStartEpochMs = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastEndEpochMs = new AtomicLong(Long.MIN_VALUE);

    /**
     * One completed request. {@code startNanos}/{@code endNanos} are System.nanoTime around it; the
     * server durations are recorded for successful requests that carried them.
     */
    public void record(long startNanos, long endNanos, boolean ok, OptionalLong serverTotalMicros,
                       OptionalLong serverModelMicros) {
        long nowMs = System.currentTimeMillis();
        long clientMicros = Math.round((endNanos - startNanos) / 1000.0);
        count.incrementAndGet();
        if (ok) {
            Histograms.record(client, clientMicros);
            serverTotalMicros.ifPresent(v -> Histograms.record(serverTotal, v));
            serverModelMicros.ifPresent(v -> Histograms.record(serverModel, v));
        } else {
            failures.incrementAndGet();
            Histograms.record(failed, clientMicros);
        }
        firstStartNanos.accumulateAndGet(startNanos, Math::min);
        firstStartEpochMs.accumulateAndGet(nowMs - (endNanos - startNanos) / 1_000_000, Math::min);
        lastEndNanos.accumulateAndGet(endNanos, Math::max);
        lastEndEpochMs.accumulateAndGet(nowMs, Math::max);
    }

    public long count() {
        return count.get();
    }

    public long failures() {
        return failures.get();
    }

    public long successes() {
        return count() - failures();
    }

    /** Seconds from the first request sent to the last response received. */
    public double windowSeconds() {
        return count() == 0 ? 0.0 : Math.max(0L, lastEndNanos.get() - firstStartNanos.get()) / 1e9;
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

    /** A frozen copy, as stats.json holds it. */
    public RequestResult result() {
        long n = count();
        long ko = failures();
        double window = windowSeconds();
        return new RequestResult(n, ko, n == 0 ? 0.0 : (double) ko / n, window <= 0 ? 0.0 : (n - ko) / window, window,
                LatencyBlock.of(client()), LatencyBlock.of(serverTotal()), LatencyBlock.of(serverModel()),
                LatencyBlock.of(failed.copy()));
    }
}
