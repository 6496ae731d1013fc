package org.marlbench.bench.baseline;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.marlbench.bench.history.TrendFinding;

/**
 * Everything the baseline step found for one run; written as comparison.json next to the
 * run's stats.json so the report can be regenerated from the benchmark directory alone.
 */
public final class GateResult {
    public static final String FILE_NAME = "comparison.json";

    final String simulation;
    final String profile;
    GateOutcome outcome = GateOutcome.NO_BASELINE;
    final List<MetricComparison> metrics = new ArrayList<>();
    final List<String> fingerprintDifferences = new ArrayList<>();
    final List<String> messages = new ArrayList<>();
    final List<String> errors = new ArrayList<>();
    final List<TrendFinding> trends = new ArrayList<>();
    String baselineFile = "";
    String baselineRecordedAt = "";
    String baselineCommit = "";
    boolean warnOnly;
    boolean baselineRenewed;

    GateResult(String simulation, String profile) {
        this.simulation = simulation;
        this.profile = profile;
    }

    public GateOutcome outcome() {
        return outcome;
    }

    public List<MetricComparison> metrics() {
        return metrics;
    }

    public List<String> fingerprintDifferences() {
        return fingerprintDifferences;
    }

    public List<String> messages() {
        return messages;
    }

    public List<String> errors() {
        return errors;
    }

    public List<TrendFinding> trends() {
        return trends;
    }

    /**
     * False only for an error (corrupt baseline, unreadable run) or a regression that neither
     * -Dbaseline.warnOnly=true nor an explicit -Dbaseline.update=true renewal excuses.
     */
    public boolean passed() {
        if (outcome == GateOutcome.ERROR) {
            return false;
        }
        return outcome != GateOutcome.REGRESSED || warnOnly || baselineRenewed;
    }

    public ObjectNode toJson() {
        ObjectNode n = StatsDocument.JSON.createObjectNode();
        n.put("simulation", simulation);
        n.put("configProfile", profile);
        n.put("outcome", outcome.label());
        n.put("passed", passed());
        n.put("warnOnly", warnOnly);
        n.put("baselineRenewed", baselineRenewed);
        n.put("baselineFile", baselineFile);
        n.put("baselineRecordedAt", baselineRecordedAt);
        n.put("baselineCommit", baselineCommit);
        ArrayNode m = n.putArray("metrics");
        metrics.forEach(c -> m.add(c.toJson()));
        fingerprintDifferences.forEach(n.putArray("fingerprintDifferences")::add);
        ArrayNode msgs = n.putArray("messages");
        messages.forEach(msgs::add);
        ArrayNode errs = n.putArray("errors");
        errors.forEach(errs::add);
        ArrayNode t = n.putArray("trends");
        trends.forEach(f -> t.add(f.toJson()));
        return n;
    }
}
