package org.marlbench.server.sidecar;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background resource sampler: one daemon thread reads the probe every intervalMs and keeps the
 * readings of the last retentionMinutes in a ring. The first reading is taken in start(), so
 * latest() is never empty once the sampler runs.
 */
public final class ResourceSampler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ResourceSampler.class);

    private final long intervalMs;
    private final InferenceCounters counters;
    private final SampleRing ring;
    private final ScheduledExecutorService scheduler;
    private ResourceProbe probe;

    public ResourceSampler(long intervalMs, int retentionMinutes, InferenceCounters counters) {
        if (intervalMs < 1) throw new IllegalArgumentException("sidecar.intervalMs must be >= 1, got " + intervalMs);
        if (retentionMinutes < 1) {
            throw new IllegalArgumentException("sidecar.retentionMinutes must be >= 1, got " + retentionMinutes);
        }
        this.intervalMs = intervalMs;
        this.counters = counters;
        this.ring = new SampleRing(ringCapacity(intervalMs, retentionMinutes));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sidecar-sampler");
            t.setDaemon(true);
            return t;
        });
    }

    /** Samples kept: retention / interval, e.g. 30 min / 250 ms = 7200. */
    static int ringCapacity(long intervalMs, int retentionMinutes) {
        long capacity = retentionMinutes * 60_000L / intervalMs;
        if (capacity > 10_000_000L) {
            throw new IllegalArgumentException("sidecar retention of " + retentionMinutes + " min at "
                    + intervalMs + " ms keeps " + capacity + " samples, more than 10000000");
        }
        return (int) Math.max(1, capacity);
    }

    public ResourceSampler start() {
        probe = new ResourceProbe(intervalMs);
        sampleOnce();
        scheduler.scheduleAtFixedRate(this::sampleSafely, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
        return this;
    }

    public long intervalMs() {
        return intervalMs;
    }

    public int capacity() {
        return ring.capacity();
    }

    public ResourceSample latest() {
        return ring.latest();
    }

    public List<ResourceSample> since(long sinceMs) {
        return ring.since(sinceMs);
    }

    /** The latest sample as JSON (written once, when it was taken). */
    public byte[] latestJson() {
        return ring.latestJson();
    }

    /** At most max samples' JSON from sinceMs on, oldest first (see {@link SampleRing#slice}). */
    public SeriesSlice slice(long sinceMs, int max) {
        return ring.slice(sinceMs, max);
    }

    /** True once close() has run: no more samples are taken. */
    public boolean isClosed() {
        return scheduler.isShutdown();
    }

    private void sampleOnce() {
        ResourceSample sample = probe.read(System.currentTimeMillis(), counters);
        ring.add(sample, SampleJson.sample(sample)); // serialised once here, on the sampler's thread
    }

    private void sampleSafely() {
        try {
            sampleOnce();
        } catch (RuntimeException e) {
            // One failed reading must not stop the schedule (an exception would cancel it).
            LOG.warn("resource sample failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
