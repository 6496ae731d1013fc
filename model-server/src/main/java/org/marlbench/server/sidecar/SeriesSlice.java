package org.marlbench.server.sidecar;

/**
 * A stretch of the sample ring for one series answer: each sample's JSON, oldest first.
 *
 * @param lastTimestampMs the newest sample's timestampMs, -1 when empty
 * @param truncated       more samples follow: the client pages on with since = lastTimestampMs + 1
 */
public record SeriesSlice(byte[][] samples, long lastTimestampMs, boolean truncated) {
}
