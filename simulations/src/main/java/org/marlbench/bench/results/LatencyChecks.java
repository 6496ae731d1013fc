package org.marlbench.bench.results;

import java.util.Map;

/**
 * The stats.json twins of the simulations' Gatling assertions, evaluated on our µs results of the
 * successful requests. Gatling fails the run on its own (ms) assertions; these record the exact figures.
 */
public final class LatencyChecks {
    private LatencyChecks() {
    }

    public static CheckResult clientPercentileBelow(String name, RequestResult r, int percentile, int targetMs) {
        return CheckResult.below("p" + percentile + " client < " + targetMs + " ms", name + ".client.p" + percentile + "Micros",
                targetMs * 1000.0, r.client().percentileMicros(percentile), false);
    }

    public static CheckResult failedBelowPercent(String name, RequestResult r, double maxPercent) {
        return CheckResult.below("failed < " + num(maxPercent) + " %", name + ".errorRate", maxPercent / 100.0,
                r.errorRate(), false);
    }

    public static CheckResult throughputAtLeast(String name, RequestResult r, double minPerSecond) {
        return CheckResult.atLeast("throughput >= " + num(minPerSecond) + " req/s", name + ".throughputPerSecond",
                minPerSecond, r.throughputPerSecond(), false);
    }

    /** Sent at least once and never failed; a request that was never sent fails this check. */
    public static CheckResult allOk(Map<String, RequestResult> requests, String name) {
        RequestResult r = requests.get(name);
        if (r == null || r.count() == 0) {
            return CheckResult.atLeast(name + ": sent", name + ".count", 1, 0, false);
        }
        return CheckResult.atMost(name + ": all OK", name + ".failures", 0, r.failures(), false);
    }

    static String num(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
