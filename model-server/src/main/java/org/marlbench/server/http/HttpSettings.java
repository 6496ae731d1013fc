package org.marlbench.server.http;

import org.marlbench.server.Settings;

/**
 * The server.* and sidecar.* settings (and the HTTP test aid testaid.maxDecisionsPerSecond), read and
 * range-checked once at start-up; a bad value fails with its key named. The auth token is held as a
 * {@link BearerToken} (its hash only).
 */
public record HttpSettings(
        String host,
        int port,
        long maxBodyBytes,
        int maxInFlight,
        int retryAfterSeconds,
        int threads,
        long idleTimeoutMs,
        long bodyTimeoutMs,
        long drainTimeoutMs,
        BearerToken authToken,
        long faultDelayMicros,
        int maxDecisionsPerSecond,
        boolean metricsEnabled,
        long sidecarIntervalMs,
        int sidecarRetentionMinutes,
        int seriesMaxSamples,
        long seriesDefaultWindowMs,
        int seriesMaxPerSecond) {

    /** Jetty needs an acceptor, a selector and some workers; fewer threads fail at start. */
    public static final int MIN_THREADS = 4;
    /** The connector's fixed threads: one acceptor, one selector (see HttpApp). */
    public static final int CONNECTOR_THREADS = 2;
    /** Threads kept free of decisions for /health, the sidecar and error answers. */
    public static final int SPARE_THREADS = 4;

    /** @throws IllegalArgumentException with a one-line reason for any bad value */
    public static HttpSettings from(Settings s) {
        String host = s.string("server.host");
        if (host.isEmpty()) throw new IllegalArgumentException("server.host must not be empty");
        int maxInFlight = s.intInRange("server.maxInFlight", 1, 1_000_000);
        int threads = s.intInRange("server.threads", MIN_THREADS, 10_000);
        // A decision holds its Jetty thread while it is computed (its body is collected before, without
        // a thread): if the in-flight limit could take every thread, a burst of decisions would queue
        // everything else (health, sidecar) behind them.
        int needed = maxInFlight + CONNECTOR_THREADS + SPARE_THREADS;
        if (threads < needed) {
            throw new IllegalArgumentException("server.threads=" + threads + " is too small for server.maxInFlight="
                    + maxInFlight + ": needs at least " + needed + " (maxInFlight + " + CONNECTOR_THREADS
                    + " for the acceptor and selector + " + SPARE_THREADS
                    + " for /health, the sidecar and error answers); raise server.threads or lower server.maxInFlight");
        }
        long intervalMs = s.longInRange("sidecar.intervalMs", 50, 3_600_000L);
        int maxSamples = s.intInRange("sidecar.seriesMaxSamples", 1, 1_000_000);
        long windowMs = s.longInRange("sidecar.seriesDefaultWindowMs", 1, 7 * 24 * 3_600_000L);
        // The default window (no since) is answered whole: it must fit in one answer.
        if (windowMs / intervalMs > maxSamples) {
            throw new IllegalArgumentException("sidecar.seriesDefaultWindowMs=" + windowMs + " holds " + windowMs / intervalMs
                    + " samples at sidecar.intervalMs=" + intervalMs + ", more than sidecar.seriesMaxSamples=" + maxSamples
                    + "; shorten the window or raise the maximum");
        }
        return new HttpSettings(
                host,
                s.intInRange("server.port", 0, 65535),
                s.longInRange("server.maxBodyBytes", 1, Integer.MAX_VALUE - 8),
                maxInFlight,
                s.intInRange("server.retryAfterSeconds", 0, 86_400),
                threads,
                s.longInRange("server.idleTimeoutMs", 100, 3_600_000L),
                s.longInRange("server.bodyTimeoutMs", 10, 600_000L),
                s.longInRange("server.drainTimeoutMs", 0, 600_000L),
                BearerToken.of("server.authToken", s.string("server.authToken")),
                s.longInRange("server.fault.delayMicros", 0, 60_000_000L),
                s.intInRange("testaid.maxDecisionsPerSecond", 0, 1_000_000),
                s.flag("server.metrics"),
                intervalMs,
                s.intInRange("sidecar.retentionMinutes", 1, 7 * 24 * 60),
                maxSamples,
                windowMs,
                s.intInRange("sidecar.seriesMaxPerSecond", 1, 100_000));
    }
}
