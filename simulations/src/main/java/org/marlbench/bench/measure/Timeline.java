package org.marlbench.bench.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.marlbench.bench.results.TimelinePoint;

/**
 * Client latency per second of the run, warm-up included (Gatling's most-read chart, in µs): where
 * warm-up ends and whether the latency drifts can be seen. One small histogram per second
 * (2 significant digits, up to a minute), created when the second sees its first request.
 */
public final class Timeline {
    static final int MAX_SECONDS = 24 * 3600;
    private static final long HIGHEST_MICROS = 60_000_000L;

    private final AtomicLong startNanos;
    private final AtomicReferenceArray<Bucket> buckets = new AtomicReferenceArray<>(MAX_SECONDS);
    private final java.util.concurrent.atomic.AtomicInteger lastSecond = new java.util.concurrent.atomic.AtomicInteger(-1);

    /** @param origin the run's first request (shared by the timelines of both sides; Long.MIN_VALUE until then) */
    public Timeline(AtomicLong origin) {
        this.startNanos = origin;
    }

    private static final class Bucket {
        final Histogram ok = new ConcurrentHistogram(1, HIGHEST_MICROS, 2);
        final AtomicLong failed = new AtomicLong();
    }

    /** A request sent at {@code sentNanos} that took {@code micros} (ok: it succeeded). */
    public void record(long sentNanos, long micros, boolean ok) {
        long start = startNanos.get();
        if (start == Long.MIN_VALUE) {
            startNanos.compareAndSet(Long.MIN_VALUE, sentNanos);
            start = startNanos.get();
        }
        long second = Math.max(0, (sentNanos - start) / 1_000_000_000L);
        if (second >= MAX_SECONDS) return;
        Bucket b = buckets.get((int) second);
        if (b == null) {
            buckets.compareAndSet((int) second, null, new Bucket());
            b = buckets.get((int) second);
            lastSecond.accumulateAndGet((int) second, Math::max);
        }
        if (ok) b.ok.recordValue(Math.min(HIGHEST_MICROS, Math.max(1, micros)));
        else b.failed.incrementAndGet();
    }

    /** One point per second that saw a request, from the first request on. */
    public List<TimelinePoint> points() {
        List<TimelinePoint> out = new ArrayList<>();
        for (int s = 0; s <= lastSecond.get(); s++) {
            Bucket b = buckets.get(s);
            if (b == null) continue;
            long n = b.ok.getTotalCount();
            out.add(new TimelinePoint(s, n, b.failed.get(), n == 0 ? null : b.ok.getValueAtPercentile(50),
                    n == 0 ? null : b.ok.getValueAtPercentile(99)));
        }
        return out;
    }

    /** Nanos of the first request, or Long.MIN_VALUE. */
    public long startNanos() {
        return startNanos.get();
    }
}
