package org.marlbench.bench.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.marlbench.bench.config.DiagnosticsSettings;
import org.marlbench.bench.diagnostics.CapacityKnee;
import org.marlbench.bench.diagnostics.JfrSummary;
import org.marlbench.bench.diagnostics.LeakJudge;
import org.marlbench.bench.load.RoundPlan;
import org.marlbench.bench.load.Traffic;
import org.marlbench.bench.results.CapacityResult;
import org.marlbench.bench.results.Diagnostics;
import org.marlbench.bench.results.LeakResult;
import org.marlbench.bench.results.ProfileResult;
import org.marlbench.bench.results.RequestResult;
import org.marlbench.bench.results.SidecarSample;
import org.marlbench.bench.server.SidecarSeries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Part of step 1 after the load, for the runs that look deeper: the soak's leak verdict from the
 * sidecar series, the profile from the JFR recording (with the allocation per decision and the
 * request split), the capacity search's steps and knee. Null when the run is none of these.
 */
final class DiagnosticsStep {
    private static final Logger LOG = LoggerFactory.getLogger(DiagnosticsStep.class);

    private DiagnosticsStep() {
    }

    static Diagnostics collect(RunContext ctx, Traffic traffic, SidecarSeries series, long startMs, long endMs,
                               RequestResult measured, Path jfr) {
        DiagnosticsSettings d = ctx.settings().diagnostics();
        List<SidecarSample> window = series.window(startMs, endMs);
        LeakResult leak = ctx.workload() == Benchmark.Workload.SOAK
                ? LeakJudge.judge(window, d.leakLimitMbPerHour(), d.leakLimitArraysPerHour()) : null;
        ProfileResult profile = profile(ctx, jfr, window, measured);
        CapacityResult capacity = ctx.workload() == Benchmark.Workload.CAPACITY ? capacity(d, traffic, series) : null;
        return leak == null && profile == null && capacity == null ? null : new Diagnostics(leak, profile, capacity);
    }

    private static ProfileResult profile(RunContext ctx, Path jfr, List<SidecarSample> window, RequestResult measured) {
        if (!ctx.profiling().enabled() && ctx.profiling().problem() == null) return null;
        if (jfr == null) {
            LOG.warn("no profile: {}", ctx.profiling().problem());
            return new ProfileResult(null, 0, 0, List.of(), List.of(), List.of(), 0, 0, 0, null,
                    List.of(new ProfileResult.Entry("no recording: " + ctx.profiling().problem(), 0, 0)));
        }
        try {
            return JfrSummary.read(jfr, allocatedPerDecision(window, measured.successes()), measured.successes(), split(measured));
        } catch (IOException | RuntimeException e) {
            LOG.warn("the JFR recording {} could not be read: {}", jfr, e.toString());
            return null;
        }
    }

    /** Bytes allocated by the server per decision over the window, from its sidecar (null when it does not say). */
    static Double allocatedPerDecision(List<SidecarSample> window, long decisions) {
        if (window.size() < 2 || decisions <= 0) return null;
        Long first = window.get(0).process() == null ? null : window.get(0).process().allocatedBytes();
        Long last = window.get(window.size() - 1).process() == null ? null : window.get(window.size() - 1).process().allocatedBytes();
        return first == null || last == null ? null : (double) (last - first) / decisions;
    }

    /**
     * Where a decision's time goes, from the medians (µs): the model's compute, the rest of the server's
     * span (HTTP, JSON, the micro-batch queue), and outside the server (network, kernel, the client).
     * Medians do not add up exactly; they are per-part middles, not a decomposition of one request.
     */
    static List<ProfileResult.Entry> split(RequestResult r) {
        List<ProfileResult.Entry> out = new ArrayList<>();
        if (r == null || r.client().count() == 0 || r.serverTotal().count() == 0) return out;
        double client = r.client().p50Micros();
        double total = r.serverTotal().p50Micros();
        double model = r.serverModel().count() == 0 ? 0 : r.serverModel().p50Micros();
        out.add(new ProfileResult.Entry("model (Server-Timing model)", model, 100 * model / client));
        out.add(new ProfileResult.Entry("rest of the server: HTTP, JSON, queue (total - model)", total - model, 100 * (total - model) / client));
        out.add(new ProfileResult.Entry("outside the server: network, client (client - total)", client - total, 100 * (client - total) / client));
        return out;
    }

    private static CapacityResult capacity(DiagnosticsSettings d, Traffic traffic, SidecarSeries series) {
        RoundPlan plan = traffic.rounds();
        List<CapacityKnee.Measured> steps = new ArrayList<>();
        for (int r = 0; r < plan.rounds(); r++) {
            RequestResult s = traffic.roundStats().get(r).result();
            if (s.count() == 0) break; // the search stopped before this step
            Long fallbacks = fallbacks(series.window(plan.countedStartEpochMs(r), plan.endEpochMs(r)));
            steps.add(CapacityRun.measured(d, plan, r, s, fallbacks));
        }
        return CapacityKnee.judge(steps, d.capacityTargetP99Ms(), traffic.earlyStopReason());
    }

    private static Long fallbacks(List<SidecarSample> window) {
        if (window.size() < 2 || window.get(0).inference() == null || window.get(window.size() - 1).inference() == null) return null;
        return window.get(window.size() - 1).inference().fallbacks() - window.get(0).inference().fallbacks();
    }
}
