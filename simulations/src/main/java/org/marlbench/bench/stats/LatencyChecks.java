package org.marlbench.bench.stats;

/**
 * The stats.json twins of the simulations' Gatling assertions, evaluated on our µs data.
 * Gatling fails the run on its own (ms) assertions; these record the exact figures.
 */
public final class LatencyChecks {
    private LatencyChecks() {
    }

    public static Check clientPercentileBelow(RequestStats s, double percentile, int targetMs) {
        String p = percentileLabel(percentile);
        return Check.below(p + " client < " + targetMs + " ms", s.name() + ".client." + p + "Micros",
                targetMs * 1000.0, s.client().getValueAtPercentile(percentile), false);
    }

    public static Check failedBelowPercent(RequestStats s, double maxPercent) {
        return Check.below("failed < " + num(maxPercent) + " %", s.name() + ".errorRate", maxPercent / 100.0,
                s.errorRate(), false);
    }

    public static Check throughputAtLeast(RequestStats s, double minPerSecond) {
        return Check.atLeast("throughput >= " + num(minPerSecond) + " req/s", s.name() + ".throughputPerSecond",
                minPerSecond, s.throughputPerSecond(), false);
    }

    /** Sent at least once and never failed; a request that was never sent fails this check. */
    public static Check allOk(java.util.Map<String, RequestStats> requests, String name) {
        RequestStats s = requests.get(name);
        if (s == null || s.count() == 0) {
            return Check.atLeast(name + ": sent", name + ".count", 1, 0, false);
        }
        return Check.atMost(name + ": all OK", name + ".failures", 0, s.failures(), false);
    }

    static String percentileLabel(double percentile) {
        return percentile == 99.9 ? "p999" : "p" + (long) percentile;
    }

    static String num(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
