package org.marlbench.bench.run;

import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.marlbench.bench.load.Traffic;
import org.marlbench.bench.results.WarmupResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A line every {@value #PERIOD_SECONDS} s beside Gatling's own: where the warm-up and the A/B rounds are. */
final class ProgressLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressLog.class);
    static final long PERIOD_SECONDS = 10;

    private final ScheduledExecutorService timer;

    private ProgressLog(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    static ProgressLog start(String simulation, Traffic traffic) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-progress");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(() -> LOG.info("{}: {}", simulation, status(traffic)), PERIOD_SECONDS, PERIOD_SECONDS,
                TimeUnit.SECONDS);
        return new ProgressLog(timer);
    }

    static String status(Traffic traffic) {
        if (traffic.warmup().running()) {
            StringBuilder sb = new StringBuilder("warming up until steady:");
            for (WarmupResult.Server s : traffic.warmup().result().servers()) {
                Long last = s.windowP50Micros().isEmpty() ? null : s.windowP50Micros().get(s.windowP50Micros().size() - 1);
                sb.append(String.format(Locale.ROOT, " %s %s (%.0f s, p50 %s µs)", s.label(), s.converged() ? "steady" : "warming",
                        s.seconds(), last == null ? "-" : last));
            }
            return sb.toString();
        }
        if (!traffic.comparing()) return "measuring";
        long done = traffic.roundStats().stream().filter(r -> r.count() > 0).count();
        return String.format(Locale.ROOT, "A/B round %d of %d", done, traffic.rounds().rounds());
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
