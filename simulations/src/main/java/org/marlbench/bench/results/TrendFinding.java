package org.marlbench.bench.results;

/**
 * The trend of one metric over the last runs: slope per run with its 95 % interval, the value
 * projected horizonRuns ahead with its 95 % band, the target, and a warning sentence when the
 * deterioration is significant and the projection crosses the target (empty otherwise).
 */
public record TrendFinding(String metric, String unit, int runs, double slopePerRun, double slopeLow, double slopeHigh,
                           int horizonRuns, double projected, double projectedLow, double projectedHigh, Double target,
                           String warning) {

    public boolean warns() {
        return !warning.isEmpty();
    }
}
