package org.marlbench.bench.history;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The trend of one metric over the last runs: slope per run with its 95 % interval, the value
 * projected horizonRuns ahead with its 95 % band, the target, and a warning sentence when the
 * deterioration is significant and the projection crosses the target (empty otherwise).
 */
public record TrendFinding(String metric, String unit, int runs, double slopePerRun, double slopeLow,
                           double slopeHigh, int horizonRuns, double projected, double projectedLow,
                           double projectedHigh, double target, String warning) {

    public boolean warns() {
        return !warning.isEmpty();
    }

    public ObjectNode toJson() {
        ObjectNode n = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        n.put("metric", metric);
        n.put("unit", unit);
        n.put("runs", runs);
        n.put("slopePerRun", slopePerRun);
        n.put("slopeLow", slopeLow);
        n.put("slopeHigh", slopeHigh);
        n.put("horizonRuns", horizonRuns);
        n.put("projected", projected);
        n.put("projectedLow", projectedLow);
        n.put("projectedHigh", projectedHigh);
        if (Double.isFinite(target)) {
            n.put("target", target);
        } else {
            n.putNull("target");
        }
        n.put("warning", warning);
        return n;
    }
}
