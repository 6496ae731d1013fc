package org.marlbench.bench.load;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.util.function.Function;
import org.marlbench.bench.measure.ServerTimingHeader;

/**
 * One Gatling request, sent where {@link Traffic} says and timed in microseconds: t0 = nanoTime just
 * before the request, t1 = nanoTime when its checks start (the full response is in), plus the
 * server's Server-Timing total and model durations. Gatling itself keeps whole milliseconds.
 * Requests to the reference (side A) carry the name suffix " (reference)" in Gatling's report, so
 * Gatling's assertions on the plain name are about the server under test only.
 */
public final class TimedRequest {
    public static final String REFERENCE_SUFFIX = " (reference)";
    static final String T0 = "bench.t0";
    static final String T1 = "bench.t1";
    static final String SLOT = "bench.slot";
    static final String SERVER_TIMING = "bench.serverTiming";

    /** Builds the request from its (per-request) name and absolute URL. */
    @FunctionalInterface
    public interface Shape {
        HttpRequestActionBuilder build(Function<Session, String> name, Function<Session, String> url);
    }

    /** Where a request sent at a given nanoTime goes: {@link Traffic#warmupSlot}, {@link Traffic#measuredSlot}, or a fixed slot. */
    @FunctionalInterface
    public interface Slots {
        Slot at(long nowNanos);
    }

    private TimedRequest() {
    }

    /**
     * @param slots       where each request goes and how it counts
     * @param validations the request's own checks; a failed one makes it KO in Gatling and a failure in our statistics
     */
    public static ChainBuilder timed(Traffic traffic, String name, Slots slots, String path, Shape shape,
                                     CheckBuilder... validations) {
        String referenceName = name + REFERENCE_SUFFIX;
        String[] urls = traffic.forks().stream().map(f -> f.baseUrl() + path).toArray(String[]::new);
        HttpRequestActionBuilder request = shape.build(
                session -> slot(session).fork().reference() ? referenceName : name,
                session -> urls[slot(session).fork().index()]);
        return exec(session -> session.set(SLOT, slots.at(System.nanoTime())).set(T0, System.nanoTime()))
                .exec(request
                        // Capture checks come first: they always pass, so they run even when a validation fails.
                        .check(status().transform(any -> System.nanoTime()).saveAs(T1),
                                header("Server-Timing").optional().saveAs(SERVER_TIMING))
                        .check(validations))
                .exec(session -> record(traffic, name, session))
                .stopLoadGeneratorIf(session -> traffic.stopReason(), session -> traffic.stopReason() != null);
    }

    static Slot slot(Session session) {
        return (Slot) session.get(SLOT);
    }

    private static Session record(Traffic traffic, String name, Session session) {
        long t0 = session.getLong(T0);
        // No T1: the request never got a response (connection refused, timeout).
        long t1 = session.contains(T1) ? session.getLong(T1) : System.nanoTime();
        String timing = session.contains(SERVER_TIMING) ? session.getString(SERVER_TIMING) : null;
        boolean ok = session.contains(T1) && !session.isFailed();
        traffic.record(name, slot(session), t0, t1, ok, ServerTimingHeader.durationMicros(timing, "total"),
                ServerTimingHeader.durationMicros(timing, "model"));
        return session.removeAll(T0, T1, SERVER_TIMING, SLOT).markAsSucceeded();
    }
}
