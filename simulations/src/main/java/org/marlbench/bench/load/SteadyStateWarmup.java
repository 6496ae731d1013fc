package org.marlbench.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.marlbench.bench.config.WarmupSettings;
import org.marlbench.bench.results.WarmupResult;
import org.marlbench.bench.server.Fork;
import org.marlbench.bench.stats.Histograms;

/**
 * Warm-up until steady state, every server JVM of the run at the same time: warm-up requests go to
 * the servers in turn, request by request, so all of them compile their hot paths in the same
 * seconds (two cores get used even by one user's worth of server, and an A/B run's JVMs end the
 * warm-up equally warm). Each server has its own windows: a window lasts at least
 * {@code windowMillis} and holds at least {@code windowRequests} successful requests (a few slow
 * interpreted requests prove nothing). A server is steady when its last {@code stableWindows} window
 * medians lie within {@code tolerancePercent} of each other and do not still trend (least-squares
 * slope under a quarter of the tolerance per window: a JIT still compiling makes the medians creep
 * down a per cent or two a window, inside any band), and it has had {@code minRequests} requests.
 * Every server keeps getting requests until all are steady, or until {@code maxSeconds} of warm-up
 * have passed (then the ones not steady count as not converged; the report says so).
 * Thread-safe: a window switch is the only synchronised step, once per window and server.
 */
public final class SteadyStateWarmup {
    /** Fewer successful requests than this in a window give no median (the window does not count). */
    static final int MIN_WINDOW_SAMPLES = 20;

    private final List<Fork> forks;
    private final WarmupSettings settings;
    private final Server[] servers;
    private final long windowNanos;
    private final long maxNanos;
    private final long minNanos;
    private final AtomicLong turn = new AtomicLong();
    private final AtomicLong windowIds = new AtomicLong();
    private volatile long startNanos = Long.MIN_VALUE;
    private volatile boolean done;
    private volatile long endNanos;

    /** One server's warm-up: its current window, the medians of the closed ones, its verdict. */
    private final class Server {
        final Fork fork;
        final List<Long> medians = new ArrayList<>();
        final AtomicLong requests = new AtomicLong();
        volatile Slot slot;
        volatile Histogram window;
        volatile long windowStartNanos;
        volatile boolean converged;
        volatile long steadyAtNanos = Long.MIN_VALUE;

        Server(Fork fork) {
            this.fork = fork;
        }

        Slot slot(long nowNanos) {
            Slot s = slot;
            if (s == null || due(nowNanos)) s = rotate(nowNanos);
            return s;
        }

        private boolean due(long nowNanos) {
            return nowNanos - windowStartNanos >= windowNanos
                    && (window.getTotalCount() >= settings.windowRequests() || nowNanos - startNanos >= maxNanos);
        }

        synchronized Slot rotate(long nowNanos) {
            if (slot != null && !due(nowNanos)) return slot; // another thread rotated already
            if (slot != null) {
                Histogram h = window;
                if (h.getTotalCount() >= MIN_WINDOW_SAMPLES) medians.add(h.getValueAtPercentile(50));
                converged = requests.get() >= settings.minRequests() && steady(medians);
                if (converged && steadyAtNanos == Long.MIN_VALUE) steadyAtNanos = nowNanos;
                if (!converged) steadyAtNanos = Long.MIN_VALUE;
                checkDone(nowNanos);
            }
            window = Histograms.newConcurrent();
            windowStartNanos = nowNanos;
            slot = new Slot(Slot.Phase.WARMUP, fork, -1, (int) windowIds.getAndIncrement());
            return slot;
        }

        void record(Slot sent, long micros, boolean ok) {
            requests.incrementAndGet();
            Slot s = slot;
            if (ok && s != null && s.window() == sent.window()) Histograms.record(window, micros);
        }

        synchronized WarmupResult.Server result(long nowNanos) {
            long until = converged && steadyAtNanos != Long.MIN_VALUE ? steadyAtNanos : (done ? endNanos : nowNanos);
            double seconds = startNanos == Long.MIN_VALUE ? 0 : Math.max(0, until - startNanos) / 1e9;
            return new WarmupResult.Server(fork.label(), converged, seconds, requests.get(), List.copyOf(medians));
        }
    }

    /** @param minNanos the warm-up lasts at least this long (a closed model's user ramp happens in it) */
    public SteadyStateWarmup(List<Fork> forks, WarmupSettings settings, long minNanos) {
        this.forks = List.copyOf(forks);
        this.settings = settings;
        this.servers = new Server[forks.size()];
        for (int i = 0; i < servers.length; i++) servers[i] = new Server(forks.get(i));
        this.windowNanos = settings.windowMillis() * 1_000_000L;
        this.maxNanos = settings.maxSeconds() * 1_000_000_000L;
        this.minNanos = minNanos;
    }

    /** Where a warm-up request sent now goes: the next server in turn. */
    public Slot slot(long nowNanos) {
        if (startNanos == Long.MIN_VALUE) start(nowNanos);
        Server s = servers[(int) Math.floorMod(turn.getAndIncrement(), (long) servers.length)];
        return s.slot(nowNanos);
    }

    private synchronized void start(long nowNanos) {
        if (startNanos == Long.MIN_VALUE) startNanos = nowNanos;
    }

    /** A completed warm-up request (ok: it succeeded). */
    public void record(Slot slot, long micros, boolean ok) {
        servers[slot.fork().index()].record(slot, micros, ok);
    }

    /** True until every server is steady (or the warm-up is out of time), and for at least the minimum time. */
    public boolean running() {
        if (startNanos == Long.MIN_VALUE) return true;
        if (!done) checkDone(System.nanoTime());
        return !done || System.nanoTime() - startNanos < minNanos;
    }

    private synchronized void checkDone(long nowNanos) {
        if (done) return;
        boolean all = true;
        for (Server s : servers) all &= s.converged;
        if (all || nowNanos - startNanos >= maxNanos) {
            done = true;
            endNanos = nowNanos;
        }
    }

    /** The server a warm-up request would go to next (for the live view; no side effects), or null before the start. */
    public Fork currentFork() {
        if (startNanos == Long.MIN_VALUE) return null;
        return forks.get((int) Math.floorMod(turn.get(), (long) forks.size()));
    }

    boolean steady(List<Long> medians) {
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

    /** What happened, for stats.json and the report. */
    public WarmupResult result() {
        long now = System.nanoTime();
        List<WarmupResult.Server> out = new ArrayList<>();
        boolean all = true;
        long requests = 0;
        for (Server s : servers) {
            WarmupResult.Server r = s.result(now);
            out.add(r);
            all &= r.converged();
            requests += r.requests();
        }
        double seconds = startNanos == Long.MIN_VALUE ? 0 : ((done ? endNanos : now) - startNanos) / 1e9;
        return new WarmupResult(all, seconds, requests, out);
    }
}
