package org.marlbench.bench.load;

import org.marlbench.bench.server.Fork;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.marlbench.bench.config.WarmupSettings;
import org.marlbench.bench.results.WarmupResult;
import org.marlbench.bench.stats.Histograms;

/**
 * Warm-up until steady state, for every server JVM of the run in turn: the load goes to one server
 * for a window, then to the next (one server at a time: four JVMs compiling at once on two cores
 * took five times longer to warm in a measured run; the idle ones still compile in the background).
 * A window lasts at least {@code windowMillis} and holds at least {@code windowRequests} successful
 * requests. A server is steady, and stays so, once it has had {@code minRequests} requests and either
 * <ul>
 *   <li>its last {@code stableWindows} window medians (µs) lie within {@code tolerancePercent} of each
 *       other and do not still trend (least-squares slope under a quarter of the tolerance per window:
 *       a JIT still compiling makes the medians creep down a per cent or two a window, which a band
 *       alone lets through), or</li>
 *   <li>the median of its last {@code stableWindows} window medians differs from the median of the
 *       {@code stableWindows} before them by at most the same creep, a quarter of the tolerance per
 *       window (3.75 % for three windows at 5 %). Ten users on two cores move a
 *       one-second median by ±10 % from window to window, so the band above is rarely met by a warm
 *       server, and all four at once never (20 ConcurrentUsers A/B warm-ups here: none converged in
 *       45 s per server; this rule, tried on their recorded medians, is met by all four after 10-33 windows).</li>
 * </ul>
 * Every server keeps its turns until all are steady, so both sides of an A/B run end the warm-up
 * equally warm; the whole warm-up lasts at most {@code maxSeconds} per server (four servers of an
 * A/B run share the load in turn, so each needs as long as one server alone; those not steady by then
 * count as not converged; the report says so). Servers an earlier simulation of the same Maven run
 * warmed (shared A/B servers, see ServerPool) go through the same steps with at most
 * {@code sharedMaxTotalSeconds} in all instead: their JIT has done most of its work, but this
 * simulation's load generator is a new JVM (measured: one window each left the first rounds of
 * SingleInference at a third of their later speed, and an A/A run failed on it). That cap is not per
 * server because the load generator is what warms: in 16 such warm-ups of four servers (A/A runs), the window
 * medians taken in time order, whichever server each went to, fell as one smooth curve and levelled
 * after about 20 windows. Thread-safe; the window switch is the only synchronised step.
 */
public final class SteadyStateWarmup {
    /** Fewer successful requests than this in a window give no median (the window does not count). */
    static final int MIN_WINDOW_SAMPLES = 20;

    private final List<Fork> forks;
    private final WarmupSettings settings;
    private final Trace[] traces;
    private final long windowNanos;
    private final long maxNanos;
    private final long minNanos;
    private final String warmedBy;
    private volatile Slot current;
    private volatile long windowEndNanos;
    private volatile long windowStartNanos;
    private volatile boolean done;
    private volatile Histogram window = Histograms.newConcurrent();
    private volatile long startNanos = Long.MIN_VALUE;
    private long endNanos;
    private int windowCount;

    private static final class Trace {
        final List<Long> medians = new ArrayList<>();
        final AtomicLong requests = new AtomicLong();
        long nanos;
        boolean converged;
    }

    /**
     * @param minNanos the warm-up lasts at least this long (a closed model's user ramp happens in it)
     * @param warmedBy the simulation that warmed these servers earlier in this Maven run, or null
     */
    public SteadyStateWarmup(List<Fork> forks, WarmupSettings settings, long minNanos, String warmedBy) {
        this.forks = List.copyOf(forks);
        this.settings = settings;
        this.traces = new Trace[forks.size()];
        for (int i = 0; i < traces.length; i++) traces[i] = new Trace();
        this.windowNanos = settings.windowMillis() * 1_000_000L;
        this.maxNanos = warmedBy != null ? settings.sharedMaxTotalSeconds() * 1_000_000_000L
                : settings.maxSeconds() * 1_000_000_000L * this.forks.size();
        this.minNanos = minNanos;
        this.warmedBy = warmedBy;
    }

    /** Where a warm-up request sent now goes. */
    public Slot slot(long nowNanos) {
        Slot s = current;
        if (s == null || nowNanos - windowEndNanos >= 0 && windowFull(nowNanos)) s = advance(nowNanos);
        return s;
    }

    /** A window closes once it has its requests too, or when the warm-up is out of time. */
    private boolean windowFull(long nowNanos) {
        return window.getTotalCount() >= settings.windowRequests() || nowNanos - startNanos >= maxNanos;
    }

    /** The server being warmed now, or null before the warm-up started. */
    public Fork currentFork() {
        Slot s = current;
        return s == null ? null : s.fork();
    }

    /** A completed warm-up request (ok: it succeeded). */
    public void record(Slot slot, long micros, boolean ok) {
        traces[slot.fork().index()].requests.incrementAndGet();
        Slot s = current;
        if (ok && s != null && s.window() == slot.window()) Histograms.record(window, micros);
    }

    /** True once the warm-up has run to its end (every server steady, or out of time). */
    public boolean finished() {
        return done;
    }

    /** True until every server is warm (or out of warm-up time), and for at least the minimum time. */
    public boolean running() {
        return !done || System.nanoTime() - startNanos < minNanos;
    }

    private synchronized Slot advance(long nowNanos) {
        if (current != null && (nowNanos - windowEndNanos < 0 || !windowFull(nowNanos))) return current; // switched already
        if (done) return current;
        if (current == null) {
            startNanos = nowNanos;
            return open(0, nowNanos);
        }
        int f = current.fork().index();
        close(traces[f], nowNanos);
        boolean allSteady = true;
        for (Trace t : traces) allSteady &= t.converged;
        if (!allSteady && nowNanos - startNanos < maxNanos) return open((f + 1) % forks.size(), nowNanos);
        done = true;
        endNanos = nowNanos;
        return current;
    }

    private Slot open(int fork, long nowNanos) {
        window = Histograms.newConcurrent();
        windowStartNanos = nowNanos;
        windowEndNanos = nowNanos + windowNanos;
        current = new Slot(Slot.Phase.WARMUP, forks.get(fork), -1, windowCount++);
        return current;
    }

    private void close(Trace t, long nowNanos) {
        Histogram h = window;
        t.nanos += nowNanos - windowStartNanos;
        if (h.getTotalCount() >= MIN_WINDOW_SAMPLES) t.medians.add(h.getValueAtPercentile(50));
        t.converged |= t.requests.get() >= settings.minRequests() && steady(t.medians);
    }

    boolean steady(List<Long> medians) {
        return inBandWithoutTrend(medians) || groupMediansAgree(medians);
    }

    /** The last n window medians within the tolerance of each other, and not creeping. */
    private boolean inBandWithoutTrend(List<Long> medians) {
        int n = settings.stableWindows();
        if (medians.size() < n) return false;
        List<Long> last = medians.subList(medians.size() - n, medians.size());
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        double mean = 0;
        for (long m : last) {
            min = Math.min(min, m);
            max = Math.max(max, m);
            mean += m / (double) n;
        }
        if (min <= 0 || (max - min) * 100.0 > settings.tolerancePercent() * min) return false;
        // least-squares slope over the window index, as a share of the mean per window
        double xMean = (n - 1) / 2.0;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            sxy += (i - xMean) * (last.get(i) - mean);
            sxx += (i - xMean) * (i - xMean);
        }
        return Math.abs(sxy / sxx) * 100.0 <= settings.tolerancePercent() / 4 * mean;
    }

    /** Noisy but level: the median of the last n window medians and that of the n before differ by at most n x tolerance/4. */
    private boolean groupMediansAgree(List<Long> medians) {
        int n = settings.stableWindows();
        int size = medians.size();
        if (size < 2 * n) return false;
        long last = median(medians.subList(size - n, size));
        long before = median(medians.subList(size - 2 * n, size - n));
        long low = Math.min(last, before);
        return low > 0 && Math.abs(last - before) * 100.0 <= n * settings.tolerancePercent() / 4 * low;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** What happened, for stats.json and the report. */
    public synchronized WarmupResult result() {
        List<WarmupResult.Server> servers = new ArrayList<>();
        boolean all = true;
        long requests = 0;
        for (int i = 0; i < traces.length; i++) {
            Trace t = traces[i];
            servers.add(new WarmupResult.Server(forks.get(i).label(), t.converged, t.nanos / 1e9, t.requests.get(),
                    List.copyOf(t.medians)));
            all &= t.converged;
            requests += t.requests.get();
        }
        double seconds = startNanos == Long.MIN_VALUE ? 0 : ((done ? endNanos : System.nanoTime()) - startNanos) / 1e9;
        return new WarmupResult(all, seconds, requests, servers, warmedBy);
    }
}
