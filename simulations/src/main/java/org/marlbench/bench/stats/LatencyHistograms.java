package org.marlbench.bench.stats;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** Histogram settings shared by every recorder and reader: whole microseconds, 3 digits. */
public final class LatencyHistograms {
    public static final int SIGNIFICANT_DIGITS = 3;
    /** Highest trackable value: 1 hour in µs; larger values are clamped to it (negative ones to 0), never dropped. */
    public static final long HIGHEST_MICROS = 3_600_000_000L;

    private LatencyHistograms() {
    }

    public static Histogram newConcurrent() {
        return new ConcurrentHistogram(1, HIGHEST_MICROS, SIGNIFICANT_DIGITS);
    }

    public static void record(Histogram h, long micros) {
        h.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, micros)));
    }
}
