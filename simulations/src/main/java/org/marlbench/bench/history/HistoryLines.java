package org.marlbench.bench.history;

import org.marlbench.bench.results.Comparison;
import org.marlbench.bench.results.HistoryLine;
import org.marlbench.bench.results.LatencyBlock;
import org.marlbench.bench.results.RequestResult;
import org.marlbench.bench.results.StatsFile;

/** The history line of one run: its key figures and the gate's verdict, no histograms. */
public final class HistoryLines {
    private HistoryLines() {
    }

    public static HistoryLine of(StatsFile run, Comparison comparison, String recordedAt) {
        RequestResult m = run.measured();
        LatencyBlock client = m == null ? null : m.client();
        LatencyBlock model = m == null ? null : m.serverModel();
        return new HistoryLine(HistoryLine.SCHEMA_VERSION, recordedAt, run.runId(), run.simulation(), run.configProfile(),
                run.gitCommit(), run.status(), comparison.outcome(), comparison.mode(), run.target().key(),
                m == null ? null : m.count(), m == null ? null : m.errorRate(), m == null ? null : m.throughputPerSecond(),
                p(client, 50), p(client, 95), p(client, 99), p(model, 50), p(model, 95), p(model, 99),
                run.resources() == null ? null : (double) run.resources().memoryIncreaseBytes(),
                run.resources() == null ? null : run.resources().cpuMeanPercent(),
                (double) run.config().targetP95Ms(), run.config().minThroughputOps());
    }

    private static Double p(LatencyBlock b, int level) {
        return b == null || b.count() == 0 ? null : (double) b.percentileMicros(level);
    }
}
