package org.marlbench.bench.results;

import java.util.List;

/**
 * A capacity search: per step of offered arrivals/s what the server achieved and how fast; the knee
 * is the highest achieved throughput of a step that held (p99 under the target, no errors, no
 * fallbacks, at least 95 % of the offered rate served). {@code stoppedEarly} says why the search
 * ended before its last step, when it did.
 */
public record CapacityResult(String verdict, Double kneePerSecond, double targetP99Ms, String stoppedEarly, List<Step> steps) {

    public record Step(int index, double offeredPerSecond, double achievedPerSecond, long ok, long failed, Long p50Micros,
                       Long p99Micros, Long fallbacks, boolean held, String why) {
    }
}
