package org.marlbench.bench.baseline;

/** Point ratio current/baseline of a percentile and its 95 % bootstrap interval. */
public record RatioInterval(double ratio, double low, double high) {
}
