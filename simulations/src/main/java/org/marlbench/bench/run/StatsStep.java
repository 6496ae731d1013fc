package org.marlbench.bench.run;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.marlbench.bench.load.RoundPlan;
import org.marlbench.bench.load.Traffic;
import org.marlbench.bench.measure.RequestStats;
import org.marlbench.bench.resources.ResourceLimits;
import org.marlbench.bench.resources.ResourceSummary;
import org.marlbench.bench.results.AbRun;
import org.marlbench.bench.results.CheckResult;
import org.marlbench.bench.results.Diagnostics;
import org.marlbench.bench.results.Injection;
import org.marlbench.bench.results.LatencyBlock;
import org.marlbench.bench.results.RequestResult;
import org.marlbench.bench.results.ResourceResult;
import org.marlbench.bench.results.RoundResult;
import org.marlbench.bench.results.StatsFile;
import org.marlbench.bench.server.Fork;
import org.marlbench.bench.server.ServerSet;
import org.marlbench.bench.server.SidecarSeries;
import org.marlbench.bench.stats.SampleSizeRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step 1 after the load: what was measured, typed. The requests by side and name, the warm-up, the
 * rounds of an A/B run, each server's resources over the time it was measured (from its sidecar),
 * and every check evaluated; the status is "passed" when all checks pass.
 */
final class StatsStep {
    private static final Logger LOG = LoggerFactory.getLogger(StatsStep.class);
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    /** Resource samples from this long before the measured window: the baseline sample before it. */
    static final long SERIES_LEAD_MS = 10_000;

    private StatsStep() {
    }

    static StatsFile collect(RunContext ctx, Traffic traffic, ServerSet servers, Injection injection,
                             Function<Map<String, RequestResult>, List<CheckResult>> latencyChecks) {
        Map<String, RequestResult> requests = traffic.underTestResults();
        RequestResult measured = requests.get(ctx.measuredRequest());
        boolean anyMeasured = measured != null && measured.successes() > 0;
        List<CheckResult> checks = new ArrayList<>();
        checks.add(CheckResult.atLeast("measured requests answered > 0", ctx.measuredRequest() + ".successes", 1,
                anyMeasured ? measured.successes() : 0, true));
        if (anyMeasured) checks.addAll(latencyChecks.apply(requests));
        List<String> deaths = servers.deathReports();
        checks.add(CheckResult.atLeast("server alive at end", "server.alive", 1, deaths.isEmpty() ? 1 : 0, true));
        if (traffic.failureReason() != null) {
            checks.add(CheckResult.atLeast("servers answered to the end (" + traffic.failureReason() + ")", "load.stopped", 1, 0, true));
        }

        java.nio.file.Path jfr = ctx.profiling().enabled() ? ctx.profiling().stop() : null;
        long startMs = anyMeasured ? firstStart(traffic) : System.currentTimeMillis();
        long endMs = anyMeasured ? lastEnd(traffic) : startMs;
        ResourceResult resources = null;
        String resourcesError = null;
        List<RoundResult> rounds = new ArrayList<>();
        List<ResourceResult> forkResources = new ArrayList<>();
        Diagnostics diagnostics = null;
        if (!deaths.isEmpty() || !anyMeasured) {
            resourcesError = "no resource samples: " + (deaths.isEmpty() ? "nothing measured" : String.join("; ", deaths));
        } else {
            try {
                if (traffic.comparing()) {
                    resources = abResources(ctx, traffic, servers, rounds, forkResources, checks);
                } else {
                    Fork fork = traffic.forks().get(0);
                    SidecarSeries series = series(servers, fork, startMs, endMs);
                    resources = ResourceSummary.of(fork.label(), series.intervalMs(), series.window(startMs, endMs),
                            List.of(new ResourceSummary.Window(startMs, endMs)), measured.successes(), true);
                    if (ctx.workload() == Benchmark.Workload.SOAK) {
                        checks.addAll(ResourceLimits.evaluateSoak(ctx.settings().config(), resources));
                    } else if (ctx.workload() != Benchmark.Workload.CAPACITY) {
                        // a capacity search runs past the server's limits on purpose: its fallbacks are data, not failures
                        checks.addAll(ResourceLimits.evaluate(ctx.settings().config(), resources, ""));
                    }
                    diagnostics = DiagnosticsStep.collect(ctx, traffic, series, startMs, endMs, measured, jfr);
                    if (diagnostics != null && diagnostics.leak() != null) {
                        checks.add(CheckResult.atMost("no leak suspected (" + diagnostics.leak().verdict() + ")", "diagnostics.leak",
                                0, diagnostics.leak().suspected() ? 1 : 0, true));
                    }
                }
            } catch (RuntimeException e) {
                LOG.error("reading the servers' resources failed", e);
                resourcesError = "resources unreadable: " + e.getMessage();
                checks.add(CheckResult.atLeast("server resources read", "resources", 1, 0, true));
            }
        }
        boolean passed = checks.stream().allMatch(CheckResult::passed);
        AbRun ab = traffic.comparing()
                ? new AbRun(servers.reference(), traffic.referenceResults(), traffic.referenceTimeline(),
                        servers.reference().forks(), traffic.rounds().blocks(), traffic.rounds().roundMillis(),
                        traffic.rounds().settleMillis(), rounds, forkResources, traffic.rounds().burnInBlocks())
                : null;
        return new StatsFile(StatsFile.SCHEMA_VERSION, ctx.simulation(), RUN_ID.format(Instant.ofEpochMilli(startMs)) + "-" + ctx.simulation(),
                Instant.ofEpochMilli(startMs).toString(), Instant.ofEpochMilli(endMs).toString(), ctx.gitCommit(),
                ctx.settings().profileName(), ctx.settings().config(), injection, ctx.machine(), servers.underTest(),
                traffic.warmup().result(), ctx.measuredRequest(), requests, resources, resourcesError, checks,
                passed ? "passed" : "failed", traffic.underTestTimeline(), ab, diagnostics);
    }

    /** Per round its figures and CPU per decision; per server its resources over its own rounds, the B ones checked. */
    private static ResourceResult abResources(RunContext ctx, Traffic traffic, ServerSet servers, List<RoundResult> rounds,
                                              List<ResourceResult> forkResources, List<CheckResult> checks) {
        RoundPlan plan = traffic.rounds();
        List<RequestStats> stats = traffic.roundStats();
        List<List<Integer>> byFork = plan.roundsByFork();
        RoundResult[] all = new RoundResult[plan.rounds()];
        ResourceResult primary = null;
        for (Fork fork : traffic.forks()) {
            List<Integer> own = byFork.get(fork.index());
            List<ResourceSummary.Window> windows = new ArrayList<>();
            long decisions = 0;
            for (int r : own) {
                // whole rounds, settle included: the server is as busy in the settle as after it
                windows.add(new ResourceSummary.Window(plan.startEpochMs(r), plan.endEpochMs(r)));
                decisions += stats.get(r).successes();
            }
            long start = plan.startEpochMs(own.get(0));
            long end = plan.endEpochMs(own.get(own.size() - 1));
            SidecarSeries series = series(servers, fork, start, end);
            boolean keep = primary == null && !fork.reference();
            ResourceResult r = ResourceSummary.of(fork.label(), series.intervalMs(), series.window(start, end), windows, decisions, keep);
            forkResources.add(r.withoutSeries());
            if (keep) primary = r;
            if (!fork.reference()) checks.addAll(ResourceLimits.evaluate(ctx.settings().config(), r, fork.label() + ": "));
            for (int round : own) {
                // the whole round, settle included: CPU and decisions are both the server's own readings
                ResourceSummary.Window whole = new ResourceSummary.Window(plan.startEpochMs(round), plan.endEpochMs(round));
                all[round] = round(plan, round, stats.get(round)).withCpu(ResourceSummary.cpuMicrosPerDecision(series.samples(), whole));
            }
        }
        rounds.addAll(List.of(all));
        return primary;
    }

    static RoundResult round(RoundPlan plan, int r, RequestStats s) {
        Fork fork = plan.fork(r);
        RequestResult res = s.result();
        double countedSeconds = (plan.roundMillis() - plan.settleMillis()) / 1000.0;
        return new RoundResult(r / plan.roundsPerBlock(), r % plan.roundsPerBlock(), fork.index(), fork.label(),
                fork.side().name(), plan.countedStartEpochMs(r), plan.endEpochMs(r), res.count(), res.failures(),
                p(res.client(), 50), p(res.client(), 95), p(res.client(), 99),
                p(res.serverTotal(), 50), p(res.serverTotal(), 95), p(res.serverTotal(), 99),
                p(res.serverModel(), 50), p(res.serverModel(), 95), p(res.serverModel(), 99),
                res.successes() > 0 ? res.successes() / countedSeconds : null, null);
    }

    /** A percentile only where the round has enough samples for it (p99 needs 459). */
    private static Double p(LatencyBlock b, int level) {
        return b.count() >= SampleSizeRule.minimumSamples(level / 100.0) ? (double) b.percentileMicros(level) : null;
    }

    /** The samples around [startMs, endMs], waiting (briefly) for the sampler to pass the end. */
    private static SidecarSeries series(ServerSet servers, Fork fork, long startMs, long endMs) {
        var client = servers.server(fork).client();
        long since = startMs - SERIES_LEAD_MS;
        SidecarSeries series = client.series(since);
        long deadline = System.currentTimeMillis() + Math.max(2_000, 4 * series.intervalMs());
        while (!series.hasSampleAtOrAfter(endMs) && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(Math.max(50, series.intervalMs() / 2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            series = client.series(since);
        }
        return series;
    }

    /** The measured window: every request but the warm-up, first sent to last answered. */
    private static long firstStart(Traffic traffic) {
        return traffic.measuredWindow()[0];
    }

    private static long lastEnd(Traffic traffic) {
        return traffic.measuredWindow()[1];
    }
}
