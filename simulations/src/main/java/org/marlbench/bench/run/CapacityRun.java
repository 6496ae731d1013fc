package org.marlbench.bench.run;

import org.marlbench.bench.config.DiagnosticsSettings;
import org.marlbench.bench.diagnostics.CapacityKnee;
import org.marlbench.bench.load.RoundPlan;
import org.marlbench.bench.load.Traffic;
import org.marlbench.bench.measure.RequestStats;
import org.marlbench.bench.results.RequestResult;

/** A capacity search's steps as the knee finder measures them, and its early stop. */
final class CapacityRun {
    private CapacityRun() {
    }

    /** After each step: stop the search once a step is clearly broken (every later step would be too). */
    static Traffic.RoundCheck earlyStop(DiagnosticsSettings d, RoundPlan plan) {
        return (round, stats) -> {
            CapacityKnee.Measured m = measured(d, plan, round, stats.result(), null);
            return CapacityKnee.clearlyBroken(m, d.capacityTargetP99Ms())
                    ? String.format(java.util.Locale.ROOT, "step %d (%.0f arrivals/s) is clearly beyond capacity: %s", round + 1,
                            m.offeredPerSecond(), CapacityKnee.why(m, d.capacityTargetP99Ms()))
                    : null;
        };
    }

    static CapacityKnee.Measured measured(DiagnosticsSettings d, RoundPlan plan, int round, RequestResult r, Long fallbacks) {
        double levelSeconds = (plan.roundMillis() - plan.settleMillis()) / 1000.0;
        return new CapacityKnee.Measured(d.capacityRate(round), r.successes() / levelSeconds, r.successes(), r.failures(),
                r.client().count() == 0 ? null : r.client().p50Micros(),
                r.client().count() >= org.marlbench.bench.stats.SampleSizeRule.minimumSamples(0.99) ? r.client().p99Micros() : null,
                fallbacks);
    }
}
