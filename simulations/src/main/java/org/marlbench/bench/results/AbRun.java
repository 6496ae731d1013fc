package org.marlbench.bench.results;

import java.util.List;
import java.util.Map;

/**
 * The A/B part of stats.json: the reference server (A) and its aggregated requests (the run's own
 * {@code requests} are B's, the server under test), the design (forks per side, palindromic blocks,
 * round and settle length, uncounted burn-in blocks before the counted ones), every round, and each
 * server JVM's resources over its own rounds.
 */
public record AbRun(TargetInfo reference, Map<String, RequestResult> referenceRequests, List<TimelinePoint> referenceTimeline,
                    int forksPerSide, int blocks, int roundMillis, int settleMillis, List<RoundResult> rounds,
                    List<ResourceResult> forkResources, int burnInBlocks) {
}
