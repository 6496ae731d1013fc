package org.marlbench.bench.history;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.marlbench.bench.baseline.StatsDocument;

/** The summary of one run kept in the history (key metrics, verdict, commit, time; no histograms). */
public final class HistoryEntry {
    private HistoryEntry() {
    }

    public static ObjectNode of(StatsDocument run, String verdict, String recordedAt) {
        ObjectNode n = StatsDocument.JSON.createObjectNode();
        n.put("recordedAt", recordedAt);
        n.put("runId", run.runId());
        n.put("simulation", run.simulation());
        n.put("configProfile", run.profile());
        n.put("gitCommit", run.gitCommit());
        n.put("status", run.status());
        n.put("verdict", verdict);
        n.put("count", run.count());
        n.put("errorRate", run.errorRate());
        n.put("throughputPerSecond", run.throughputPerSecond());
        for (String block : new String[] {"client", "serverModel"}) {
            for (String p : new String[] {"p50", "p95", "p99"}) {
                double v = run.summaryMicros(block, p + "Micros");
                if (Double.isFinite(v)) {
                    n.put(block + "P" + p.substring(1) + "Micros", v);
                }
            }
        }
        putIfFinite(n, "memoryIncreaseBytes", run.resourceNumber("memoryIncreaseBytes"));
        putIfFinite(n, "cpuMeanPercent", run.resourceNumber("cpuMeanPercent"));
        if (run.config().path("targetP95Ms").isNumber()) {
            n.put("targetP95Ms", run.config().path("targetP95Ms").asDouble());
        }
        if (run.config().path("minThroughputOps").isNumber()) {
            n.put("minThroughputOps", run.config().path("minThroughputOps").asDouble());
        }
        return n;
    }

    private static void putIfFinite(ObjectNode n, String field, double v) {
        if (Double.isFinite(v)) {
            n.put(field, v);
        }
    }
}
