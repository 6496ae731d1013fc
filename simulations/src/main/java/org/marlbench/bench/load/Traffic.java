package org.marlbench.bench.load;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.marlbench.bench.config.WarmupSettings;
import org.marlbench.bench.server.Fork;
import org.marlbench.bench.measure.LatencyRegistry;
import org.marlbench.bench.measure.LiveWindow;
import org.marlbench.bench.measure.RequestStats;
import org.marlbench.bench.measure.Timeline;
import org.marlbench.bench.results.TimelinePoint;
import org.marlbench.bench.results.RequestResult;

/**
 * Where each request goes and what its answer is recorded as: warm-up requests to the server being
 * warmed, measured requests to the current round's server, and the results by side (B, the server
 * under test; A, the reference), per A/B round for the measured request, and for the warm-up check.
 */
public final class Traffic {
    /** Request name of warm-up traffic: outside the measured window and every check. */
    public static final String WARMUP = "warmup";

    private final List<Fork> forks;
    private final String measuredRequest;
    private final SteadyStateWarmup warmup;
    private final RoundPlan rounds;
    private final LatencyRegistry underTest = new LatencyRegistry();
    private final LatencyRegistry reference = new LatencyRegistry();
    private final RequestStats[] roundStats;
    private final FailureWatch watch;
    private final java.util.concurrent.atomic.AtomicLong origin = new java.util.concurrent.atomic.AtomicLong(Long.MIN_VALUE);
    private final Timeline underTestTimeline = new Timeline(origin);
    private final Timeline referenceTimeline = new Timeline(origin);
    private final LiveWindow live = new LiveWindow();
    private volatile RoundCheck roundCheck;
    private volatile int lastRoundChecked = -1;
    private volatile String earlyStop;

    /** Looks at a round once the next one has begun; a non-null answer stops the load early (not a failure). */
    @FunctionalInterface
    public interface RoundCheck {
        String stopAfter(int round, RequestStats stats);
    }

    /** @param warmedBy the simulation of this Maven run that already warmed these servers, or null (see SteadyStateWarmup) */
    public Traffic(List<Fork> forks, String measuredRequest, WarmupSettings warmupSettings, long minWarmupNanos,
                   RoundPlan rounds, String warmedBy) {
        this.forks = List.copyOf(forks);
        this.measuredRequest = measuredRequest;
        this.warmup = new SteadyStateWarmup(forks, warmupSettings, minWarmupNanos, warmedBy);
        this.rounds = rounds;
        this.roundStats = new RequestStats[rounds.rounds()];
        for (int r = 0; r < roundStats.length; r++) roundStats[r] = new RequestStats();
        this.watch = new FailureWatch(forks);
    }

    public Slot warmupSlot(long nowNanos) {
        return warmup.slot(nowNanos);
    }

    public Slot measuredSlot(long nowNanos) {
        return rounds.slot(nowNanos);
    }

    /** A measured slot on one fork, outside the rounds (a sequence that every server must get whole). */
    public Slot pinned(Fork fork) {
        return new Slot(Slot.Phase.MEASURED, fork, -1, -1);
    }

    public boolean warmingUp() {
        return warmup.running() && stopReason() == null;
    }

    public boolean measuring() {
        return rounds.running(System.nanoTime()) && stopReason() == null;
    }

    public void checkEachRound(RoundCheck check) {
        this.roundCheck = check;
    }

    /** One answer (or failure) to a request of {@code name} sent in {@code slot}. */
    public void record(String name, Slot slot, long startNanos, long endNanos, boolean ok, OptionalLong serverTotalMicros,
                       OptionalLong serverModelMicros) {
        (slot.fork().reference() ? reference : underTest).forName(name)
                .record(startNanos, endNanos, ok, serverTotalMicros, serverModelMicros);
        long micros = Math.round((endNanos - startNanos) / 1000.0);
        if (slot.phase() == Slot.Phase.WARMUP || name.equals(measuredRequest)) {
            (slot.fork().reference() ? referenceTimeline : underTestTimeline).record(startNanos, micros, ok);
            live.record(micros, ok);
        }
        switch (slot.phase()) {
            case WARMUP -> warmup.record(slot, micros, ok);
            case MEASURED -> {
                if (slot.round() >= 0 && name.equals(measuredRequest)) {
                    roundStats[slot.round()].record(startNanos, endNanos, ok, serverTotalMicros, serverModelMicros);
                }
            }
            case SETTLE -> { }
        }
        if (slot.round() > lastRoundChecked + 1 && roundCheck != null) checkRoundsBefore(slot.round());
        watch.record(slot.fork(), ok, endNanos);
    }

    private synchronized void checkRoundsBefore(int round) {
        while (lastRoundChecked + 1 < round) {
            int r = ++lastRoundChecked;
            String stop = roundCheck.stopAfter(r, roundStats[r]);
            if (stop != null && earlyStop == null) earlyStop = stop;
        }
    }

    /** Why the load must stop now: a server stopped answering, or a round check said so; null to go on. */
    public String stopReason() {
        String failed = watch.reason();
        return failed != null ? failed : earlyStop;
    }

    /** Why the load stopped because a server stopped answering (a failure), or null. */
    public String failureReason() {
        return watch.reason();
    }

    /** Why a round check ended the load early (by design, not a failure), or null. */
    public String earlyStopReason() {
        return earlyStop;
    }

    public List<Fork> forks() {
        return forks;
    }

    public String measuredRequest() {
        return measuredRequest;
    }

    public RoundPlan rounds() {
        return rounds;
    }

    public SteadyStateWarmup warmup() {
        return warmup;
    }

    public boolean comparing() {
        return forks.stream().anyMatch(Fork::reference);
    }

    public Map<String, RequestResult> underTestResults() {
        return underTest.results();
    }

    public Map<String, RequestResult> referenceResults() {
        return reference.results();
    }

    /** The server the load is on now (for the live view; no side effects), or null before the first request. */
    public Fork currentFork() {
        Fork measuring = rounds.forkAt(System.nanoTime());
        return measuring != null ? measuring : warmup.currentFork();
    }

    /** The requests since the last call, for the live console line. */
    public LiveWindow.Snapshot liveWindow() {
        return live.take();
    }

    public List<TimelinePoint> underTestTimeline() {
        return underTestTimeline.points();
    }

    public List<TimelinePoint> referenceTimeline() {
        return referenceTimeline.points();
    }

    /** [first sent, last answered] in epoch ms over every request but the warm-up, both sides. */
    public long[] measuredWindow() {
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        for (LatencyRegistry side : List.of(underTest, reference)) {
            for (Map.Entry<String, RequestStats> e : side.snapshot().entrySet()) {
                if (e.getKey().equals(WARMUP) || e.getValue().count() == 0) continue;
                start = Math.min(start, e.getValue().firstStartEpochMs());
                end = Math.max(end, e.getValue().lastEndEpochMs());
            }
        }
        if (start == Long.MAX_VALUE) start = end = System.currentTimeMillis();
        return new long[] {start, end};
    }

    /** The measured request's statistics of every round, in round order. */
    public List<RequestStats> roundStats() {
        return List.of(roundStats);
    }
}
