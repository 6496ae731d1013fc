package org.marlbench.bench.results;

/**
 * One evaluated assertion or limit, as written to stats.json {@code checks}. {@code failsRun}: the
 * benchmark itself fails the run when this check fails (resource and fallback limits, a dead
 * server, nothing measured); latency, throughput and error checks mirror the simulation's own
 * Gatling assertions, which fail the run through Gatling.
 */
public record CheckResult(String name, String metric, double limit, double actual, boolean passed, boolean failsRun) {

    public static CheckResult below(String name, String metric, double limit, double actual, boolean failsRun) {
        return new CheckResult(name, metric, limit, actual, actual < limit, failsRun);
    }

    public static CheckResult atMost(String name, String metric, double limit, double actual, boolean failsRun) {
        return new CheckResult(name, metric, limit, actual, actual <= limit, failsRun);
    }

    public static CheckResult atLeast(String name, String metric, double limit, double actual, boolean failsRun) {
        return new CheckResult(name, metric, limit, actual, actual >= limit, failsRun);
    }

    @Override
    public String toString() {
        return name + " [" + metric + "]: actual " + number(actual) + ", limit " + number(limit)
                + (passed ? " -> passed" : " -> FAILED");
    }

    public static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }
}
