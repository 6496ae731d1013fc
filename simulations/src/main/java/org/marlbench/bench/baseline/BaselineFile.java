package org.marlbench.bench.baseline;

import java.util.List;
import java.util.Map;
import org.marlbench.bench.results.Machine;
import org.marlbench.bench.results.TargetInfo;

/**
 * A committed baseline: several recorded runs of one simulation and profile, on one machine, against
 * one target (results-baseline/&lt;profile&gt;/&lt;target key&gt;/&lt;Simulation&gt;.json). Each run keeps the
 * values of every {@code Metric} (by label), its error rate and fallback rate; a new run is judged against their
 * spread. Written only by {@link BaselineStore} from real runs.
 */
public record BaselineFile(int schemaVersion, String simulation, String configProfile, TargetInfo target, Machine machine,
                           List<Run> runs) {

    public static final int SCHEMA_VERSION = 2;

    public record Run(String runId, String recordedAt, String gitCommit, double errorRate, Double fallbackPercent,
                      Map<String, Double> values) {
    }
}
