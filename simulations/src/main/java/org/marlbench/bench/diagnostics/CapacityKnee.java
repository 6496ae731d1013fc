package org.marlbench.bench.diagnostics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.marlbench.bench.results.CapacityResult;

/**
 * Finds the knee of a stepped capacity run: the steps are judged in order, a step holds when at
 * least {@value #SERVED_SHARE} of its offered rate was served with p99 under the target, no error
 * and no fallback; the knee is the highest achieved rate before the first step that did not hold.
 * A step is "clearly broken" (the run may stop there) when p99 is over twice the target, more than
 * {@value #BROKEN_ERROR_SHARE} of its requests failed, or under {@value #BROKEN_SERVED_SHARE} of the
 * offered rate was served.
 */
public final class CapacityKnee {
    static final double SERVED_SHARE = 0.95;
    static final double BROKEN_ERROR_SHARE = 0.10;
    static final double BROKEN_SERVED_SHARE = 0.80;

    private CapacityKnee() {
    }

    /** What one step measured, before judging. */
    public record Measured(double offeredPerSecond, double achievedPerSecond, long ok, long failed, Long p50Micros,
                           Long p99Micros, Long fallbacks) {
    }

    public static CapacityResult judge(List<Measured> measured, double targetP99Ms, String stoppedEarly) {
        List<CapacityResult.Step> steps = new ArrayList<>();
        Double knee = null;
        boolean broken = false;
        for (int i = 0; i < measured.size(); i++) {
            Measured m = measured.get(i);
            String why = why(m, targetP99Ms);
            boolean held = why.isEmpty();
            steps.add(new CapacityResult.Step(i, m.offeredPerSecond(), m.achievedPerSecond(), m.ok(), m.failed(), m.p50Micros(),
                    m.p99Micros(), m.fallbacks(), held, held ? "held" : why));
            if (!held) broken = true;
            if (held && !broken) knee = m.achievedPerSecond();
        }
        String verdict = knee == null ? "no step held: the first step is beyond capacity"
                : broken ? String.format(Locale.ROOT, "knee at %.0f decisions/s", knee)
                : String.format(Locale.ROOT, "every step held (up to %.0f decisions/s): raise the steps to find the knee", knee);
        return new CapacityResult(verdict, knee, targetP99Ms, stoppedEarly, steps);
    }

    public static String why(Measured m, double targetP99Ms) {
        List<String> out = new ArrayList<>();
        if (m.p99Micros() == null) out.add("too few answers for a p99");
        else if (m.p99Micros() >= targetP99Ms * 1000) out.add("p99 " + m.p99Micros() / 1000.0 + " ms over the target");
        if (m.failed() > 0) out.add(m.failed() + " failed");
        if (m.fallbacks() != null && m.fallbacks() > 0) out.add(m.fallbacks() + " fallbacks");
        if (m.achievedPerSecond() < SERVED_SHARE * m.offeredPerSecond()) {
            out.add(String.format(Locale.ROOT, "served %.0f of %.0f/s", m.achievedPerSecond(), m.offeredPerSecond()));
        }
        return String.join(", ", out);
    }

    /** The load may stop after this step: it is broken beyond doubt. */
    public static boolean clearlyBroken(Measured m, double targetP99Ms) {
        long all = m.ok() + m.failed();
        return (m.p99Micros() != null && m.p99Micros() > 2 * targetP99Ms * 1000)
                || (all > 0 && m.failed() > BROKEN_ERROR_SHARE * all)
                || m.achievedPerSecond() < BROKEN_SERVED_SHARE * m.offeredPerSecond();
    }
}
