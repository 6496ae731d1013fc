package org.marlbench.bench.results;

/**
 * One request name of one run. {@code count} is every request sent, {@code failures} those that
 * failed (no answer, wrong status, failed check); the latency blocks and the throughput describe
 * the successful ones only, and {@code failed} holds the latencies of the failures apart, so a dead
 * port answering "connection refused" in 80 µs never improves a percentile.
 */
public record RequestResult(long count, long failures, double errorRate, double throughputPerSecond,
                            double windowSeconds, LatencyBlock client, LatencyBlock serverTotal, LatencyBlock serverModel,
                            LatencyBlock failed) {

    public long successes() {
        return count - failures;
    }
}
