package org.marlbench.bench.results;

/**
 * One line of results-baseline/&lt;profile&gt;/history/&lt;Simulation&gt;.jsonl: the key figures of one
 * run (µs, ops/s, bytes), its verdict and where it came from; no histograms. Lines written before
 * schema 2 have no schemaVersion, mode or target and read with those null.
 */
public record HistoryLine(Integer schemaVersion, String recordedAt, String runId, String simulation, String configProfile,
                          String gitCommit, String status, String verdict, String mode, String target, Long count,
                          Double errorRate, Double throughputPerSecond, Double clientP50Micros, Double clientP95Micros,
                          Double clientP99Micros, Double serverModelP50Micros, Double serverModelP95Micros,
                          Double serverModelP99Micros, Double memoryIncreaseBytes, Double cpuMeanPercent,
                          Double targetP95Ms, Double minThroughputOps) {

    public static final int SCHEMA_VERSION = 2;
}
