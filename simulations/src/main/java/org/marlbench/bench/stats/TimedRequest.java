package org.marlbench.bench.stats;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

/**
 * Wraps a Gatling request so that its latency is measured in microseconds: t0 = nanoTime
 * just before the request, t1 = nanoTime when its checks start (the full response is in),
 * plus the server's Server-Timing total and model durations, recorded under the request
 * name. Gatling itself keeps only whole milliseconds.
 */
public final class TimedRequest {
    static final String T0 = "bench.t0";
    static final String T1 = "bench.t1";
    static final String SERVER_TIMING = "bench.serverTiming";

    private TimedRequest() {
    }

    /**
     * @param validations the request's own checks (status, body); a failed one makes the
     *                    request KO in Gatling and a failure in our statistics.
     */
    public static ChainBuilder timed(LatencyRegistry registry, String requestName, HttpRequestActionBuilder request,
                                     CheckBuilder... validations) {
        RequestStats stats = registry.forName(requestName);
        return exec(session -> session.set(T0, System.nanoTime()))
                .exec(request
                        // Capture checks come first: they always pass, so they run even when a validation fails.
                        .check(status().transform(any -> System.nanoTime()).saveAs(T1),
                                header("Server-Timing").optional().saveAs(SERVER_TIMING))
                        .check(validations))
                .exec(session -> record(stats, session));
    }

    private static Session record(RequestStats stats, Session session) {
        long t0 = session.getLong(T0);
        // No T1: the request never got a response (connection refused, timeout).
        long t1 = session.contains(T1) ? session.getLong(T1) : System.nanoTime();
        String timing = session.contains(SERVER_TIMING) ? session.getString(SERVER_TIMING) : null;
        boolean ok = session.contains(T1) && !session.isFailed();
        stats.record(t0, t1, ok, ServerTiming.durationMicros(timing, "total"), ServerTiming.durationMicros(timing, "model"));
        return session.removeAll(T0, T1, SERVER_TIMING).markAsSucceeded();
    }
}
