package org.marlbench.server.http;

/**
 * The Server-Timing header: "model;dur=0.184, total;dur=0.231", milliseconds with microsecond
 * precision. Formatted by hand (no String.format) because it is on every decision response.
 */
final class ServerTiming {
    static final String HEADER = "Server-Timing";

    private ServerTiming() {
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
