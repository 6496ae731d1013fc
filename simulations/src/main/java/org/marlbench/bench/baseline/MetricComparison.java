package org.marlbench.bench.baseline;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One metric of one run against its baseline. ciLow/ciHigh are the 95 % bootstrap interval of
 * the ratio for latency percentiles and NaN for metrics without a distribution; rule says in
 * words why the verdict is what it is (it goes to the console and the report).
 */
public record MetricComparison(String metric, String unit, double baselineValue, double currentValue,
                               double ciLow, double ciHigh, Verdict verdict, String rule) {

    public double changePercent() {
        return baselineValue == 0 ? Double.NaN : (currentValue / baselineValue - 1.0) * 100.0;
    }

    public ObjectNode toJson() {
        ObjectNode n = StatsDocument.JSON.createObjectNode();
        n.put("metric", metric);
        n.put("unit", unit);
        putNumber(n, "baseline", baselineValue);
        putNumber(n, "current", currentValue);
        putNumber(n, "changePercent", changePercent());
        putNumber(n, "ratioCiLow", ciLow);
        putNumber(n, "ratioCiHigh", ciHigh);
        n.put("verdict", verdict.label());
        n.put("rule", rule);
        return n;
    }

    static void putNumber(ObjectNode n, String field, double value) {
        if (Double.isFinite(value)) {
            n.put(field, value);
        } else {
            n.putNull(field);
        }
    }
}
