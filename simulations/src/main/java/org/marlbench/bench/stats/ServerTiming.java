package org.marlbench.bench.stats;

import java.util.OptionalLong;

/**
 * Reads one metric's duration from a {@code Server-Timing} header, e.g.
 * {@code model;dur=0.184, total;dur=0.412} -> model = 184 µs. Durations are milliseconds with
 * a fraction; we return whole microseconds (rounded). Missing metric, missing {@code dur} or a
 * value that is not a finite non-negative number: empty.
 */
public final class ServerTiming {
    private ServerTiming() {
    }

    public static OptionalLong durationMicros(String header, String metric) {
        if (header == null || header.isBlank()) return OptionalLong.empty();
        for (String entry : header.split(",")) {
            String[] parts = entry.split(";");
            if (parts.length == 0 || !parts[0].trim().equalsIgnoreCase(metric)) continue;
            for (int i = 1; i < parts.length; i++) {
                String param = parts[i].trim();
                int eq = param.indexOf('=');
                if (eq < 0 || !param.substring(0, eq).trim().equalsIgnoreCase("dur")) continue;
                String value = param.substring(eq + 1).trim();
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
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }
}
