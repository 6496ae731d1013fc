package org.marlbench.server.http;

import io.javalin.http.Context;

/**
 * The Server-Timing header of every answer on the decision route: "model;dur=0.184, total;dur=0.231",
 * milliseconds with microsecond precision. Written in one place per layer: {@link #stamp} runs as the
 * decision route's after-handler (every answer Javalin gives there, errors included, once the status
 * and body are set and before anything is written), and {@link JettyJsonErrors} covers answers Jetty
 * gives before Javalin sees the request. The handler leaves the component's compute time in a request
 * attribute; absent, the model did not run (0). Formatted by hand (no String.format): it is on every
 * decision response.
 */
final class ServerTiming {
    static final String HEADER = "Server-Timing";
    /** Request attribute: the component's compute time of this request, nanoseconds (a Long). */
    static final String MODEL_NANOS = "marl.modelNanos";

    private ServerTiming() {
    }

    /** Javalin after-handler of the decision route. */
    static void stamp(Context ctx) {
        Object model = ctx.attribute(MODEL_NANOS);
        long modelNanos = model instanceof Long nanos ? nanos : 0;
        ctx.header(HEADER, header(modelNanos, RequestClock.beginNanos(ctx.req())));
    }

    /** The header value, total measured from the request's arrival stamp to now. */
    static String header(long modelNanos, long beginNanos) {
        return value(modelNanos, System.nanoTime() - beginNanos);
    }

    static String value(long modelNanos, long totalNanos) {
        StringBuilder sb = new StringBuilder(40);
        sb.append("model;dur=");
        appendMillis(sb, modelNanos);
        sb.append(", total;dur=");
        appendMillis(sb, totalNanos);
        return sb.toString();
    }

    /** nanos -> "m.uuu" ms, rounded to the nearest microsecond. */
    static void appendMillis(StringBuilder sb, long nanos) {
        long micros = (Math.max(0, nanos) + 500) / 1000;
        sb.append(micros / 1000).append('.');
        long frac = micros % 1000;
        if (frac < 100) sb.append('0');
        if (frac < 10) sb.append('0');
        sb.append(frac);
    }
}
