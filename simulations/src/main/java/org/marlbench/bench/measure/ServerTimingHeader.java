package org.marlbench.bench.measure;

import java.util.OptionalLong;

/**
 * Reads one metric's duration from a {@code Server-Timing} header, e.g.
 * {@code model;dur=0.184, total;dur=0.412} -> model = 184 µs. Durations are milliseconds with
 * a fraction; we return whole microseconds (rounded). Missing metric, missing {@code dur} or a
 * value that is not a finite non-negative number: empty.
 */
public final class ServerTimingHeader {
    private ServerTimingHeader() {
    }

    public static OptionalLong durationMicros(String header, String metric) {
        // Index scanning rather than split(): this runs twice per request inside the load generator.
        if (header == null || header.isEmpty()) return OptionalLong.empty();
        int entryStart = 0;
        int n = header.length();
        while (entryStart <= n) {
            int entryEnd = header.indexOf(',', entryStart);
            if (entryEnd < 0) entryEnd = n;
            int nameEnd = indexOf(header, ';', entryStart, entryEnd);
            if (header.substring(entryStart, nameEnd).trim().equalsIgnoreCase(metric)) {
                return durationParam(header, nameEnd, entryEnd);
            }
            entryStart = entryEnd + 1;
        }
        return OptionalLong.empty();
    }

    /** The {@code dur} parameter among {@code ;a=b;dur=c} between from (a ';' or end) and to. */
    private static OptionalLong durationParam(String header, int from, int to) {
        int paramStart = from + 1;
        while (paramStart <= to) {
            int paramEnd = indexOf(header, ';', paramStart, to);
            int eq = indexOf(header, '=', paramStart, paramEnd);
            if (eq < paramEnd && header.substring(paramStart, eq).trim().equalsIgnoreCase("dur")) {
                String value = header.substring(eq + 1, paramEnd).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                try {
                    double ms = Double.parseDouble(value);
                    if (!Double.isFinite(ms) || ms < 0) return OptionalLong.empty();
                    return OptionalLong.of(Math.round(ms * 1000.0));
                } catch (NumberFormatException e) {
                    return OptionalLong.empty();
                }
            }
            paramStart = paramEnd + 1;
        }
        return OptionalLong.empty();
    }

    /** First index of c in [from, to), or to. */
    private static int indexOf(String s, char c, int from, int to) {
        int i = s.indexOf(c, from);
        return i < 0 || i > to ? to : i;
    }
}
