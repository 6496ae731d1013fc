package org.marlbench.server.http;

import io.javalin.http.Context;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;
import org.marlbench.server.sidecar.ResourceSampler;
import org.marlbench.server.sidecar.SeriesJson;
import org.marlbench.server.sidecar.SeriesSlice;

/**
 * GET /sidecar/resources (latest sample) and GET /sidecar/resources/series?since=<epoch ms>.
 *
 * <p>The series is bounded and kept off the decision threads: at most sidecar.seriesMaxSamples
 * samples per answer (the oldest from since on; "truncated" and "nextSince" tell the client how to
 * page), assembled from each sample's ready-made JSON; without since, the last
 * sidecar.seriesDefaultWindowMs up to the newest sample, built once per new sample and shared by
 * every reader. Answers are built and written on one thread of their own, at most
 * sidecar.seriesMaxPerSecond of them per second, all readers together: a crowd of readers (or a
 * slow one) waits there instead of taking Jetty's threads and the CPU from decisions (16 clients
 * looping on any route of this server, even a 500-byte one, take a 2-core machine's CPU; paced,
 * they mostly wait). Beyond {@link #MAX_QUEUED} waiting, 503 overloaded with Retry-After.
 */
final class SidecarHandlers implements AutoCloseable {
    static final String RESOURCES = "/sidecar/resources";
    static final String SERIES = "/sidecar/resources/series";
    /** Series requests queued or being answered at once; more get 503. */
    static final int MAX_QUEUED = 32;

    private final ResourceSampler sampler;
    private final int maxSamples;
    private final long defaultWindowMs;
    private final int retryAfterSeconds;
    private final long spacingNanos;
    private long nextAnswerNanos; // the writer thread's own: when it may start the next answer
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sidecar-series");
        t.setDaemon(true);
        return t;
    });
    private final Semaphore queued = new Semaphore(MAX_QUEUED);
    /** The no-since answer and the newest sample it was built up to. */
    private volatile Cached recent = new Cached(Long.MIN_VALUE, null);

    private record Cached(long newestMs, byte[] json) {
    }

    SidecarHandlers(ResourceSampler sampler, HttpSettings settings) {
        this.sampler = sampler;
        this.maxSamples = settings.seriesMaxSamples();
        this.defaultWindowMs = settings.seriesDefaultWindowMs();
        this.retryAfterSeconds = settings.retryAfterSeconds();
        this.spacingNanos = 1_000_000_000L / settings.seriesMaxPerSecond();
        this.nextAnswerNanos = System.nanoTime();
    }

    void latest(Context ctx) {
        Responses.json(ctx, 200, sampler.latestJson());
    }

    /** since given: samples with timestampMs >= since (paged); missing: the default window. */
    void series(Context ctx) {
        Long sinceMs = since(ctx.queryParam("since"));
        if (!queued.tryAcquire()) {
            throw new ApiError(503, "overloaded", MAX_QUEUED + " series requests already waiting; retry after "
                    + retryAfterSeconds + " s");
        }
        ctx.future(() -> CompletableFuture.runAsync(() -> {
            try {
                pace();
                Responses.json(ctx, 200, sinceMs == null ? recentWindow() : page(sinceMs));
            } finally {
                queued.release();
            }
        }, writer));
    }

    /** On the writer thread: waits for this answer's turn, sidecar.seriesMaxPerSecond at most. */
    private void pace() {
        long now = System.nanoTime();
        long wait = nextAnswerNanos - now;
        if (wait > 0) LockSupport.parkNanos(wait);
        nextAnswerNanos = Math.max(now, nextAnswerNanos) + spacingNanos;
    }

    private static Long since(String since) {
        if (since == null || since.isBlank()) return null;
        try {
            return Long.parseLong(since.trim());
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("bad_parameter", "since must be an integer epoch time in milliseconds, got '" + since + "'");
        }
    }

    private byte[] page(long sinceMs) {
        return SeriesJson.write(sampler.intervalMs(), sampler.slice(sinceMs, maxSamples));
    }

    /** The last defaultWindowMs up to the newest sample: the same bytes for everyone until the next sample. */
    private byte[] recentWindow() {
        long newest = sampler.latest().timestampMs();
        Cached c = recent;
        if (c.newestMs() != newest) {
            SeriesSlice slice = sampler.slice(newest - defaultWindowMs, maxSamples);
            c = new Cached(newest, SeriesJson.write(sampler.intervalMs(), slice));
            recent = c; // two readers may build it at once: same bytes, no harm
        }
        return c.json();
    }

    @Override
    public void close() {
        writer.shutdownNow();
    }
}
