package org.marlbench.bench.results;

import java.util.List;

/**
 * The leak verdict of a soak run: per resource series (RSS, heap after GC, the engine's live native
 * arrays) the least-squares slope per hour over the second half of the soak with its 95 % interval;
 * "leak suspected" when a slope's whole interval lies above its limit and the series grew by more
 * than a floor. {@code seconds} is the judged part; {@code t} and {@code values} its samples.
 */
public record LeakResult(String verdict, double seconds, List<Series> series) {

    public static final String SUSPECTED = "leak suspected";
    public static final String NONE = "no leak";

    public record Series(String name, String unit, int samples, double first, double last, double perHour,
                         double lowPerHour, double highPerHour, double limitPerHour, boolean suspected,
                         List<Double> t, List<Double> values) {
    }

    public boolean suspected() {
        return SUSPECTED.equals(verdict);
    }
}
