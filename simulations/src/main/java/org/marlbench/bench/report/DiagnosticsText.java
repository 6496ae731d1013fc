package org.marlbench.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.marlbench.bench.results.CapacityResult;
import org.marlbench.bench.results.Diagnostics;
import org.marlbench.bench.results.LeakResult;
import org.marlbench.bench.results.ProfileResult;

/** The diagnostics of a run in words, for report.txt and report.html: leak verdict, where the time goes, capacity. */
final class DiagnosticsText {
    static final int SHOWN = 5;

    private DiagnosticsText() {
    }

    static List<String> leak(LeakResult leak) {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "Leak verdict: %s (%.0f s of constant load after warm-up)", leak.verdict().toUpperCase(Locale.ROOT),
                leak.seconds()));
        for (LeakResult.Series s : leak.series()) {
            out.add(String.format(Locale.ROOT, "  %-14s %10.1f -> %-10.1f %s; slope %+.1f %s/h (95%% CI %+.1f..%+.1f), limit %.0f %s/h%s",
                    s.name(), s.first(), s.last(), s.unit(), s.perHour(), s.unit(), s.lowPerHour(), s.highPerHour(), s.limitPerHour(),
                    s.unit(), s.suspected() ? " -> SUSPECTED" : ""));
        }
        return out;
    }

    static List<String> profile(ProfileResult p) {
        List<String> out = new ArrayList<>();
        if (p.jfrFile() == null) {
            out.add("Where the time goes: " + (p.requestSplitMicros().isEmpty() ? "no recording" : p.requestSplitMicros().get(0).name()));
            return out;
        }
        out.add(String.format(Locale.ROOT, "Where the time goes (JFR, %.0f s, %d CPU samples; open %s in JDK Mission Control):",
                p.seconds(), p.cpuSamples(), p.jfrFile()));
        entries(out, "hot methods (share of CPU samples)", p.topMethods(), "%");
        entries(out, "hot lines", p.topLines(), "%");
        entries(out, "allocation sites (share of sampled bytes)", p.topAllocationSites(), "%");
        out.add(String.format(Locale.ROOT, "  GC: %d pauses, %.1f ms in all, longest %.1f ms", p.gcPauses(), p.gcPauseTotalMs(), p.gcPauseMaxMs()));
        if (p.allocatedBytesPerDecision() != null) {
            out.add(String.format(Locale.ROOT, "  allocation: %.0f bytes per decision", p.allocatedBytesPerDecision()));
        }
        if (!p.requestSplitMicros().isEmpty()) {
            out.add("  a decision's time (medians, µs):");
            for (ProfileResult.Entry e : p.requestSplitMicros()) {
                out.add(String.format(Locale.ROOT, "    %-58s %8.0f µs %5.1f %%", e.name(), e.value(), e.percent()));
            }
        }
        return out;
    }

    private static void entries(List<String> out, String title, List<ProfileResult.Entry> entries, String unit) {
        if (entries.isEmpty()) return;
        out.add("  " + title + ":");
        for (ProfileResult.Entry e : entries.subList(0, Math.min(SHOWN, entries.size()))) {
            out.add(String.format(Locale.ROOT, "    %5.1f %s  %s", e.percent(), unit, e.name()));
        }
    }

    static List<String> capacity(CapacityResult c) {
        List<String> out = new ArrayList<>();
        out.add("Capacity: " + c.verdict() + String.format(Locale.ROOT, " (p99 target %.0f ms)", c.targetP99Ms())
                + (c.stoppedEarly() == null ? "" : "; stopped early: " + c.stoppedEarly()));
        out.add(String.format(Locale.ROOT, "  %5s %10s %10s %9s %9s %7s %9s  %s", "step", "offered/s", "served/s", "p50 µs", "p99 µs",
                "failed", "fallbacks", "held"));
        for (CapacityResult.Step s : c.steps()) {
            out.add(String.format(Locale.ROOT, "  %5d %10.0f %10.0f %9s %9s %7d %9s  %s", s.index() + 1, s.offeredPerSecond(),
                    s.achievedPerSecond(), s.p50Micros() == null ? "-" : s.p50Micros(), s.p99Micros() == null ? "-" : s.p99Micros(),
                    s.failed(), s.fallbacks() == null ? "-" : s.fallbacks(), s.why()));
        }
        return out;
    }

    static List<String> all(Diagnostics d) {
        List<String> out = new ArrayList<>();
        if (d == null) return out;
        if (d.leak() != null) out.addAll(leak(d.leak()));
        if (d.profile() != null) out.addAll(profile(d.profile()));
        if (d.capacity() != null) out.addAll(capacity(d.capacity()));
        return out;
    }
}
