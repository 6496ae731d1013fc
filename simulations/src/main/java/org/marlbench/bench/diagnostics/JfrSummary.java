package org.marlbench.bench.diagnostics;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;
import org.marlbench.bench.results.ProfileResult;

/**
 * Reads a JFR recording (the JDK's own reader, no agent): thread samples by top frame, as methods and
 * as source lines ("Class.method:line"): {@code jdk.ExecutionSample} for threads in Java code and
 * {@code jdk.NativeMethodSample} for threads in native code (the engine's forward pass runs in
 * libtorch, behind a JNI method, and would be invisible otherwise), except threads parked in a native
 * wait ({@link #IDLE_NATIVE}: an acceptor in accept, a selector in epoll_wait, a parked pool thread
 * are in native code but burn no CPU, and on top they hid the real work); sampled allocations
 * ({@code jdk.ObjectAllocationSample}) by the first frame outside the JDK, weighted by bytes; GC pauses
 * ({@code jdk.GCPhasePause}).
 */
public final class JfrSummary {
    static final int TOP = 10;
    /** Native methods in which a thread waits rather than works (JFR samples them as "in native"). */
    static final Set<String> IDLE_NATIVE = Set.of("sun.nio.ch.Net.accept", "sun.nio.ch.Net.poll", "sun.nio.ch.EPoll.wait",
            "jdk.internal.misc.Unsafe.park", "java.lang.Object.wait", "java.lang.Object.wait0", "java.lang.Thread.sleep",
            "java.lang.Thread.sleep0", "java.lang.Thread.yield0", "java.io.FileInputStream.readBytes",
            "java.lang.ProcessHandleImpl.waitForProcessExit0");

    private JfrSummary() {
    }

    /**
     * @param allocatedBytesPerDecision from the server's own counter when it has one; null: estimated
     *                                  from the allocation samples' weights over {@code decisions}
     * @param requestSplitMicros        the Server-Timing split of the same window (empty: none)
     */
    public static ProfileResult read(Path jfr, Double allocatedBytesPerDecision, long decisions,
                                     List<ProfileResult.Entry> requestSplitMicros) throws IOException {
        Map<String, Double> methods = new HashMap<>();
        Map<String, Double> lines = new HashMap<>();
        Map<String, Double> allocations = new HashMap<>();
        long samples = 0;
        long pauses = 0;
        double pauseTotalMs = 0;
        double pauseMaxMs = 0;
        Instant first = null;
        Instant last = null;
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            first = first == null || e.getStartTime().isBefore(first) ? e.getStartTime() : first;
            last = last == null || e.getEndTime().isAfter(last) ? e.getEndTime() : last;
            String type = e.getEventType().getName();
            switch (type) {
                case "jdk.ExecutionSample", "jdk.NativeMethodSample" -> {
                    RecordedFrame top = topFrame(e.getStackTrace(), false);
                    if (top == null || type.equals("jdk.NativeMethodSample") && IDLE_NATIVE.contains(method(top))) break;
                    samples++;
                    methods.merge(method(top), 1.0, Double::sum);
                    lines.merge(line(top), 1.0, Double::sum);
                }
                case "jdk.ObjectAllocationSample" -> {
                    RecordedFrame site = topFrame(e.getStackTrace(), true);
                    if (site != null) allocations.merge(method(site) + ":" + site.getLineNumber(), (double) e.getLong("weight"), Double::sum);
                }
                case "jdk.GCPhasePause" -> {
                    double ms = e.getDuration().toNanos() / 1e6;
                    pauses++;
                    pauseTotalMs += ms;
                    pauseMaxMs = Math.max(pauseMaxMs, ms);
                }
                default -> { }
            }
        }
        double seconds = first == null ? 0 : Duration.between(first, last).toMillis() / 1000.0;
        double sampledBytes = allocations.values().stream().mapToDouble(Double::doubleValue).sum();
        Double perDecision = allocatedBytesPerDecision != null ? allocatedBytesPerDecision
                : decisions > 0 && sampledBytes > 0 ? sampledBytes / decisions : null;
        return new ProfileResult(jfr.toString(), seconds, samples, top(methods), top(lines), top(allocations), pauses,
                pauseTotalMs, pauseMaxMs, perDecision, requestSplitMicros);
    }

    /** The top frame; for allocations the first frame outside java.*, jdk.* and sun.* (who asked for it). */
    static RecordedFrame topFrame(RecordedStackTrace trace, boolean skipJdk) {
        if (trace == null || trace.getFrames().isEmpty()) return null;
        if (!skipJdk) return trace.getFrames().get(0);
        for (RecordedFrame f : trace.getFrames()) {
            String cls = f.getMethod().getType().getName();
            if (!cls.startsWith("java.") && !cls.startsWith("jdk.") && !cls.startsWith("sun.")) return f;
        }
        return trace.getFrames().get(0);
    }

    /** "Class.method:line", or "Class.method (native)" for a frame without a line (JNI, libtorch behind it). */
    static String line(RecordedFrame f) {
        return f.getLineNumber() >= 0 ? method(f) + ":" + f.getLineNumber() : method(f) + " (native)";
    }

    static String method(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    static List<ProfileResult.Entry> top(Map<String, Double> weights) {
        double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
        List<ProfileResult.Entry> out = new ArrayList<>();
        weights.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())).limit(TOP)
                .forEach(e -> out.add(new ProfileResult.Entry(e.getKey(), e.getValue(), total == 0 ? 0 : 100 * e.getValue() / total)));
        return out;
    }
}
