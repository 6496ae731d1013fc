package org.marlbench.bench.results;

/**
 * One round of an A/B run: which server JVM got the load ({@code fork}, e.g. "A1", of {@code side} A
 * or B; by {@code forkIndex} forks 0..k-1 are A and k..2k-1 are B), when (the counted part, after the
 * settle time), and what it measured. Percentiles are of the
 * successful decisions sent in the round (null when too few for that percentile); CPU per decision
 * is the server's process CPU over the round from its sidecar, divided by the round's decisions.
 */
public record RoundResult(int block, int position, int forkIndex, String fork, String side, long startEpochMs, long endEpochMs,
                          long requests, long failures, Double clientP50Micros, Double clientP95Micros,
                          Double clientP99Micros, Double serverTotalP50Micros, Double serverTotalP95Micros,
                          Double serverTotalP99Micros, Double serverModelP50Micros, Double serverModelP95Micros,
                          Double serverModelP99Micros, Double throughputPerSecond, Double cpuMicrosPerDecision) {

    public RoundResult withCpu(Double cpuMicrosPerDecisionValue) {
        return new RoundResult(block, position, forkIndex, fork, side, startEpochMs, endEpochMs, requests, failures, clientP50Micros,
                clientP95Micros, clientP99Micros, serverTotalP50Micros, serverTotalP95Micros, serverTotalP99Micros,
                serverModelP50Micros, serverModelP95Micros, serverModelP99Micros, throughputPerSecond, cpuMicrosPerDecisionValue);
    }
}
