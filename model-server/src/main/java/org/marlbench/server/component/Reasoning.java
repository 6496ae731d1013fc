package org.marlbench.server.component;

import java.util.List;
import java.util.Locale;

/** The one-sentence, human-readable explanation of a decision, built from its own numbers. */
final class Reasoning {
    private Reasoning() {
    }

    static String of(Ensemble.Result r, Regime regime, List<String> agents, List<String> fallbacks) {
        int lead = Softmax.argmax(r.contributions());
        double[] p = r.probabilities();
        StringBuilder sb = new StringBuilder(200);
        sb.append(String.format(Locale.ROOT,
                "%s in a %s market: ensemble buy %.2f / hold %.2f / sell %.2f, led by %s (%.0f%% of the weight); "
                        + "confidence %.3f is %s the %.3f threshold",
                r.action().label(), regime.label(), p[0], p[1], p[2], agents.get(lead),
                100 * r.contributions()[lead], r.confidence(), r.shouldProceed() ? "at or above" : "below",
                r.threshold()));
        if (!fallbacks.isEmpty()) sb.append("; fell back: ").append(String.join(", ", fallbacks));
        return sb.append('.').toString();
    }
}
