package org.marlbench.bench.resources;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import org.marlbench.bench.results.ResourceResult;
import org.marlbench.bench.results.SidecarSample;

/**
 * What a server's resources did while it was measured, from its sidecar samples. {@code samples}
 * run from the last sample at or before the first window's start to the first at or after the last
 * window's end. RSS start/end/peak and the counters' deltas span all of it; the CPU mean and peak
 * use only the sampler's intervals that lie wholly inside a window (a server of an A/B run idles
 * between its rounds; each sample's CPU covers the interval since the sample before it).
 */
public final class ResourceSummary {
    private ResourceSummary() {
    }

    public record Window(long startEpochMs, long endEpochMs) {
    }

    /**
     * The fallback rate is the server's own: the rise of its fallback counter over the rise of its request
     * counter, both over all of {@code samples}. (Until 2026-12-07 the fallbacks over all samples were
     * divided by {@code decisions}; an A/B server's counted decisions leave out its rounds' settle time,
     * so its rate came out up to 1.25x too high.)
     *
     * @param decisions the decisions counted (an A/B server: in the counted part of its rounds); the fallback
     *                  rate's denominator only for a server whose request counter does not rise (0: unknown)
     * @throws IllegalStateException when there are no samples
     */
    public static ResourceResult of(String server, long intervalMs, List<SidecarSample> samples, List<Window> windows,
                                    long decisions, boolean keepSeries) {
        if (samples.isEmpty()) {
            throw new IllegalStateException("the sidecar returned no resource samples for the measured window");
        }
        SidecarSample first = samples.get(0);
        SidecarSample last = samples.get(samples.size() - 1);
        long rssPeak = 0;
        long gpuPeak = 0;
        for (SidecarSample s : samples) {
            rssPeak = Math.max(rssPeak, rss(s));
            gpuPeak = Math.max(gpuPeak, s.gpuMemoryUsedBytes());
        }
        double cpuMean;
        double cpuPeak = 0;
        if (samples.size() == 1) {
            cpuMean = cpuPeak = cpuPercent(first); // a single sample: its own reading
        } else {
            List<Integer> inside = new ArrayList<>();
            for (int i = 1; i < samples.size(); i++) {
                if (withinAWindow(samples.get(i - 1).epochMs(), samples.get(i).epochMs(), windows)) inside.add(i);
            }
            if (inside.isEmpty()) {
                // windows shorter than the sampler's interval: every interval, rather than none
                for (int i = 1; i < samples.size(); i++) inside.add(i);
            }
            double cpuMillis = 0;
            long spanMs = 0;
            for (int i : inside) {
                double cpu = cpuPercent(samples.get(i));
                long ms = Math.max(1, samples.get(i).epochMs() - samples.get(i - 1).epochMs());
                cpuMillis += cpu * ms;
                spanMs += ms;
                cpuPeak = Math.max(cpuPeak, cpu);
            }
            cpuMean = cpuMillis / spanMs;
        }
        int cores = Math.max(1, last.system() == null || last.system().cores() <= 0
                ? Runtime.getRuntime().availableProcessors() : last.system().cores());
        long fallbacks = delta(first, last, SidecarSample.Inference::fallbacks);
        long served = delta(first, last, SidecarSample.Inference::requests);
        long per = served > 0 ? served : decisions;
        return new ResourceResult(server, intervalMs, samples.size(), cores, rss(first), rss(last), rssPeak,
                rss(last) - rss(first), rssPeak - rss(first), cpuMean, cpuPeak, cpuMean / cores, gpuPeak,
                process(last).gcCount() - process(first).gcCount(), process(last).gcTimeMs() - process(first).gcTimeMs(),
                decisions, fallbacks, per > 0 ? 100.0 * fallbacks / per : null, delta(first, last, SidecarSample.Inference::errors),
                keepSeries ? List.copyOf(samples) : List.of());
    }

    /**
     * A sample describes the interval since the sample before it; it counts when that whole interval
     * lies in one window. Until 2026-12-07 a sample counted when its interval's middle did: then how
     * much of an A/B server's idle time (the other servers' rounds) the mean took in depended on the
     * phase of its sampler against the round grid, fixed for the JVM's life (see cpuMicrosPerDecision).
     */
    static boolean withinAWindow(long fromEpochMs, long toEpochMs, List<Window> windows) {
        for (Window w : windows) {
            if (fromEpochMs >= w.startEpochMs() && toEpochMs <= w.endEpochMs()) return true;
        }
        return false;
    }

    private static double cpuPercent(SidecarSample s) {
        return s.process() == null ? 0 : s.process().cpuPercent();
    }

    static long rss(SidecarSample s) {
        return process(s).rssBytes();
    }

    /**
     * The part of a soak's samples it is judged on: the second half. The first settles (malloc arenas,
     * the code cache and the heap grow for a while after a warm-up without leaking). LeakJudge fits its
     * slopes to it; ResourceLimits holds a soak's memory limit over it.
     */
    public static List<SidecarSample> settledHalf(List<SidecarSample> soak) {
        return soak.subList(soak.size() / 2, soak.size());
    }

    private static SidecarSample.Process process(SidecarSample s) {
        return s.process() != null ? s.process() : new SidecarSample.Process(0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** How far one of the server's inference counters rose from {@code first} to {@code last}. */
    private static long delta(SidecarSample first, SidecarSample last, ToLongFunction<SidecarSample.Inference> counter) {
        if (first.inference() == null || last.inference() == null) return 0;
        return counter.applyAsLong(last.inference()) - counter.applyAsLong(first.inference());
    }

    /**
     * Server CPU per decision in one round, µs, from the server's own readings between the first and
     * the last of its samples inside the round: the CPU time (each sample's cpuPercent covers the
     * interval since the sample before it) over the decisions it received (inference.requests) between
     * the same two samples. Null when the round holds fewer than two samples, or no decision between them.
     *
     * <p>Why not "the samples whose interval lies in the counted window", as until 2026-12-07: with
     * 250 ms samples and 400 ms windows, how much of the server's idle time (the other servers' rounds)
     * those samples covered depended on the phase of its sampler against the round grid, fixed for a
     * JVM's life, so every JVM had a bias of its own: in three A/A runs both JVMs of one side came out
     * 14-21 % apart from the other side's, with intervals as narrow as [0.82, 0.87], and one run was
     * called regressed on it. Between two samples inside the round, CPU and decisions cover the same
     * instants, all of them the server's own busy time, whatever the phase.
     */
    public static Double cpuMicrosPerDecision(List<SidecarSample> samples, Window round) {
        int first = -1;
        int last = -1;
        for (int i = 0; i < samples.size(); i++) {
            long t = samples.get(i).epochMs();
            if (t < round.startEpochMs()) continue;
            if (t > round.endEpochMs()) break;
            if (first < 0) first = i;
            last = i;
        }
        if (first < 0 || last <= first) return null;
        SidecarSample from = samples.get(first);
        SidecarSample to = samples.get(last);
        if (from.inference() == null || to.inference() == null) return null;
        long decisions = to.inference().requests() - from.inference().requests();
        if (decisions <= 0) return null;
        double cpuMicros = 0;
        for (int i = first + 1; i <= last; i++) {
            SidecarSample s = samples.get(i);
            if (s.process() == null) return null;
            cpuMicros += s.process().cpuPercent() / 100.0 * (s.epochMs() - samples.get(i - 1).epochMs()) * 1000.0;
        }
        return cpuMicros / decisions;
    }
}
