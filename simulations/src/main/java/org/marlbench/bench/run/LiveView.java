package org.marlbench.bench.run;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.marlbench.bench.load.Traffic;
import org.marlbench.bench.measure.LiveWindow;
import org.marlbench.bench.results.WarmupResult;
import org.marlbench.bench.server.Fork;
import org.marlbench.bench.server.ServerSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live view: every {@value #PERIOD_SECONDS} s, beside Gatling's own lines, one line with the
 * last window's client p50/p99 (µs, successful decisions), decisions/s, errors, the fallbacks and
 * the CPU and RSS of the server being loaded (its sidecar), and where the warm-up or the A/B rounds are.
 */
final class LiveView implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveView.class);
    static final long PERIOD_SECONDS = 5;

    private final ScheduledExecutorService timer;

    private LiveView(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    static LiveView start(String simulation, Traffic traffic, ServerSet servers) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-live-view");
            t.setDaemon(true);
            return t;
        });
        long[] lastFallbacks = new long[traffic.forks().size()];
        java.util.Arrays.fill(lastFallbacks, -1);
        timer.scheduleAtFixedRate(() -> {
            try {
                LiveWindow.Snapshot w = traffic.liveWindow();
                if (w.ok() + w.failed() == 0) return;
                LOG.info("{}: {}", simulation, line(w, server(traffic, servers, lastFallbacks), phase(traffic)));
            } catch (RuntimeException e) {
                LOG.debug("live view line failed", e);
            }
        }, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
        return new LiveView(timer);
    }

    static String line(LiveWindow.Snapshot w, String server, String phase) {
        return String.format(Locale.ROOT, "last %.0f s: p50 %d µs, p99 %d µs, %.0f decisions/s, %d errors%s | %s",
                w.seconds(), w.p50Micros(), w.p99Micros(), w.perSecond(), w.failed(), server, phase);
    }

    /** The CPU, RSS and fallbacks (since the last look) of the server the load is on, from its sidecar. */
    private static String server(Traffic traffic, ServerSet servers, long[] lastFallbacks) {
        Fork fork = traffic.currentFork();
        if (fork == null) return "";
        try {
            var sample = servers.server(fork).client().latestSample();
            long fallbacks = sample.inference() == null ? 0 : sample.inference().fallbacks();
            long since = lastFallbacks[fork.index()] < 0 ? 0 : fallbacks - lastFallbacks[fork.index()];
            lastFallbacks[fork.index()] = fallbacks;
            return String.format(Locale.ROOT, ", %d fallbacks; %s CPU %.0f %%, RSS %d MiB", since, fork.label(),
                    sample.process().cpuPercent(), sample.process().rssBytes() >> 20);
        } catch (IOException | RuntimeException e) {
            return "; " + fork.label() + " sidecar unavailable";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    static String phase(Traffic traffic) {
        if (traffic.warmup().running()) {
            StringBuilder sb = new StringBuilder("warming up until steady:");
            for (WarmupResult.Server s : traffic.warmup().result().servers()) {
                sb.append(String.format(Locale.ROOT, " %s %s %.0f s", s.label(), s.converged() ? "steady" : "warming", s.seconds()));
            }
            return sb.toString();
        }
        if (!traffic.comparing()) return "measuring";
        if (traffic.rounds().burningIn(System.nanoTime())) {
            return String.format(Locale.ROOT, "A/B burn-in at full load (%d blocks, not counted)", traffic.rounds().burnInBlocks());
        }
        long done = traffic.roundStats().stream().filter(r -> r.count() > 0).count();
        return String.format(Locale.ROOT, "A/B round %d of %d", done, traffic.rounds().rounds());
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
