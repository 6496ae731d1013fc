package org.marlbench.bench.stats;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One evaluated assertion or limit, as written to stats.json {@code checks}.
 * {@code failsRun}: the benchmark itself fails the run when this check fails (resource
 * limits, a dead server); latency/throughput/error checks mirror Gatling's own assertions,
 * which fail the run through Gatling.
 */
public record Check(String name, String metric, double limit, double actual, boolean passed, boolean failsRun) {

    public static Check below(String name, String metric, double limit, double actual, boolean failsRun) {
        return new Check(name, metric, limit, actual, actual < limit, failsRun);
    }

    public static Check atMost(String name, String metric, double limit, double actual, boolean failsRun) {
        return new Check(name, metric, limit, actual, actual <= limit, failsRun);
    }

    public static Check atLeast(String name, String metric, double limit, double actual, boolean failsRun) {
        return new Check(name, metric, limit, actual, actual >= limit, failsRun);
    }

    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("metric", metric);
        m.put("limit", number(limit));
        m.put("actual", number(actual));
        m.put("passed", passed);
        return m;
    }

    private static Object number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? (Object) (long) v : (Object) v;
    }

    @Override
    public String toString() {
        return name + " [" + metric + "]: actual " + number(actual) + ", limit " + number(limit)
                + (passed ? " -> passed" : " -> FAILED");
    }
}
