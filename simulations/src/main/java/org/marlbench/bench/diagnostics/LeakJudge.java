package org.marlbench.bench.diagnostics;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.marlbench.bench.resources.ResourceSummary;
import org.marlbench.bench.results.LeakResult;
import org.marlbench.bench.results.SidecarSample;
import org.marlbench.bench.stats.SlopeEstimate;

/**
 * Does memory keep growing under constant load? From the sidecar samples of the soak, the slope of
 * RSS, of heap used after the last GC, and of the engine's live native arrays (the classic leak of a
 * DJL server: an NDArray never closed), each with its 95 % interval ({@link SlopeEstimate}). The first
 * half of the soak is left to settle (malloc arenas, the code cache and the heap grow for a while
 * after a warm-up without leaking); the slope is fitted over the second half (ResourceSummary.settledHalf). Suspected when the whole
 * interval lies above the limit and the growth over that half is more than a floor ({@value #FLOOR_MB}
 * MB, {@value #FLOOR_ARRAYS} arrays), so that the noise of a short soak is not extrapolated to an hour.
 * A series the server does not report (an outside server, say) is left out, not guessed.
 */
public final class LeakJudge {
    static final double MB = 1024.0 * 1024.0;
    static final double FLOOR_MB = 8;
    static final double FLOOR_ARRAYS = 100;

    private LeakJudge() {
    }

    public static LeakResult judge(List<SidecarSample> soak, double limitMbPerHour, double limitArraysPerHour) {
        List<SidecarSample> samples = ResourceSummary.settledHalf(soak);
        List<LeakResult.Series> series = new ArrayList<>();
        add(series, samples, "RSS", "MB", s -> s.process() == null ? null : s.process().rssBytes() / MB, limitMbPerHour, FLOOR_MB);
        add(series, samples, "heap after GC", "MB",
                s -> s.process() == null || s.process().heapUsedAfterGcBytes() == null ? null : s.process().heapUsedAfterGcBytes() / MB,
                limitMbPerHour, FLOOR_MB);
        add(series, samples, "native arrays", "arrays",
                s -> s.inference() == null || s.inference().nativeArrays() == null ? null : s.inference().nativeArrays().doubleValue(),
                limitArraysPerHour, FLOOR_ARRAYS);
        double seconds = samples.size() < 2 ? 0 : (samples.get(samples.size() - 1).epochMs() - samples.get(0).epochMs()) / 1000.0;
        boolean suspected = series.stream().anyMatch(LeakResult.Series::suspected);
        return new LeakResult(series.isEmpty() ? "not enough data" : suspected ? LeakResult.SUSPECTED : LeakResult.NONE,
                seconds, series);
    }

    private static void add(List<LeakResult.Series> out, List<SidecarSample> samples, String name, String unit,
                            Function<SidecarSample, Double> value, double limitPerHour, double floor) {
        List<Long> times = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (SidecarSample s : samples) {
            Double v = value.apply(s);
            if (v != null) {
                times.add(s.epochMs());
                values.add(v);
            }
        }
        if (values.size() < 4) return;
        long[] t = times.stream().mapToLong(Long::longValue).toArray();
        SlopeEstimate e = SlopeEstimate.fit(t, values.stream().mapToDouble(Double::doubleValue).toArray());
        List<Double> seconds = new ArrayList<>();
        for (long ms : t) seconds.add((ms - t[0]) / 1000.0);
        double growth = e.perHour() * (t[t.length - 1] - t[0]) / 3_600_000.0;
        out.add(new LeakResult.Series(name, unit, values.size(), values.get(0), values.get(values.size() - 1), e.perHour(),
                e.lowPerHour(), e.highPerHour(), limitPerHour, e.above(limitPerHour) && growth > floor, seconds, List.copyOf(values)));
    }
}
