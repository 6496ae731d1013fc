package org.marlbench.bench.results;

/** One second of the run (from the first request, warm-up included): successful and failed requests, client p50 and p99 in µs. */
public record TimelinePoint(int second, long ok, long failed, Long p50Micros, Long p99Micros) {
}
