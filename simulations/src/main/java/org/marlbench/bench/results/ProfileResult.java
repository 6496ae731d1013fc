package org.marlbench.bench.results;

import java.util.List;

/**
 * Where the time went in the server under test during the measured window, from a Java Flight
 * Recorder recording (kept at {@code jfrFile} for JDK Mission Control): the hottest methods and
 * source lines by CPU samples (top frame), the top allocation sites by sampled bytes, the GC pauses,
 * the allocation rate per decision, and the request split from the Server-Timing medians (µs).
 */
public record ProfileResult(String jfrFile, double seconds, long cpuSamples, List<Entry> topMethods, List<Entry> topLines,
                            List<Entry> topAllocationSites, long gcPauses, double gcPauseTotalMs, double gcPauseMaxMs,
                            Double allocatedBytesPerDecision, List<Entry> requestSplitMicros) {

    /** A name (method, "Class.method:line", allocation site, or a part of the request) with its weight and share. */
    public record Entry(String name, double value, double percent) {
    }
}
