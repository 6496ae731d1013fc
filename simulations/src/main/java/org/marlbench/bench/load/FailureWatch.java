package org.marlbench.bench.load;

import org.marlbench.bench.server.Fork;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Notices a server that stopped answering: a server JVM whose requests have all failed for
 * {@value #STREAK_SECONDS} s (at least {@value #MIN_FAILURES} of them, nothing succeeding in
 * between). The load then stops within seconds with that reason, instead of hammering a dead port
 * until the load time is over.
 */
public final class FailureWatch {
    static final long STREAK_SECONDS = 3;
    static final long MIN_FAILURES = 20;
    private static final long NONE = Long.MIN_VALUE;

    private final List<Fork> forks;
    private final AtomicLongArray streakStartNanos;
    private final AtomicLongArray streakFailures;
    private volatile String reason;

    public FailureWatch(List<Fork> forks) {
        this.forks = forks;
        this.streakStartNanos = new AtomicLongArray(forks.size());
        this.streakFailures = new AtomicLongArray(forks.size());
        for (int i = 0; i < forks.size(); i++) streakStartNanos.set(i, NONE);
    }

    public void record(Fork fork, boolean ok, long nowNanos) {
        int f = fork.index();
        if (ok) {
            if (streakStartNanos.get(f) != NONE) {
                streakStartNanos.set(f, NONE);
                streakFailures.set(f, 0);
            }
            return;
        }
        streakStartNanos.compareAndSet(f, NONE, nowNanos);
        long failures = streakFailures.incrementAndGet(f);
        long start = streakStartNanos.get(f);
        if (reason == null && failures >= MIN_FAILURES && start != NONE && nowNanos - start >= STREAK_SECONDS * 1_000_000_000L) {
            reason = "server " + forks.get(f).label() + " at " + forks.get(f).baseUrl() + " stopped answering: its last "
                    + failures + " requests over " + STREAK_SECONDS + " s all failed; the load was stopped";
        }
    }

    /** Non-null once a server is considered gone. */
    public String reason() {
        return reason;
    }
}
