package org.marlbench.bench.measure;

import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.marlbench.bench.stats.Histograms;

/**
 * The last few seconds of the load for the live console line: client latency of the successful
 * decisions (HdrHistogram's Recorder swaps interval histograms without stopping the recorders)
 * and the failures, since the previous {@link #take()}.
 */
public final class LiveWindow {
    private final Recorder latency = new Recorder(1, Histograms.HIGHEST_MICROS, 2);
    private final LongAdder failures = new LongAdder();
    private long lastTakeNanos = System.nanoTime();
    private Histogram recycled;

    public record Snapshot(double seconds, long ok, long failed, long p50Micros, long p99Micros) {
        public double perSecond() {
            return seconds > 0 ? ok / seconds : 0;
        }
    }

    public void record(long micros, boolean ok) {
        if (ok) latency.recordValue(Math.min(Histograms.HIGHEST_MICROS, Math.max(1, micros)));
        else failures.increment();
    }

    /** What was recorded since the last call (one caller: the live view's timer). */
    public synchronized Snapshot take() {
        long now = System.nanoTime();
        Histogram h = latency.getIntervalHistogram(recycled);
        recycled = h;
        double seconds = (now - lastTakeNanos) / 1e9;
        lastTakeNanos = now;
        long n = h.getTotalCount();
        return new Snapshot(seconds, n, failures.sumThenReset(), n == 0 ? 0 : h.getValueAtPercentile(50),
                n == 0 ? 0 : h.getValueAtPercentile(99));
    }
}
