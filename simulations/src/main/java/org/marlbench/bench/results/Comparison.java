package org.marlbench.bench.results;

import java.util.List;

/**
 * comparison.json: what the gate found for one run, written beside its stats.json so the report
 * can be regenerated from the benchmark directory alone. {@code mode} is "ab", "baseline" or
 * "none"; {@code against} names what the run was compared with; {@code notComparable} lists why a
 * baseline does not describe this machine or target; {@code advice} says what to do next.
 */
public record Comparison(int schemaVersion, String simulation, String configProfile, String mode, String outcome,
                         boolean passed, boolean warnOnly, String against, List<MetricVerdict> metrics,
                         List<String> notComparable, List<String> messages, List<String> errors,
                         List<TrendFinding> trends, String advice) {

    public static final int SCHEMA_VERSION = 2;
    public static final String FILE_NAME = "comparison.json";

    public Outcome outcomeValue() {
        return Outcome.fromLabel(outcome);
    }

    public Comparison withTrends(List<TrendFinding> found, List<String> moreMessages) {
        List<String> all = new java.util.ArrayList<>(messages);
        all.addAll(moreMessages);
        return new Comparison(schemaVersion, simulation, configProfile, mode, outcome, passed, warnOnly, against, metrics,
                notComparable, all, errors, List.copyOf(found), advice);
    }
}
