package org.marlbench.server.component;

import java.util.List;

/** The one-sentence, human-readable explanation of a decision, built from its own numbers. */
final class Reasoning {
    private Reasoning() {
    }

    static String of(Ensemble.Result r, Regime regime, List<String> agents, List<String> fallbacks) {
        int lead = Softmax.argmax(r.contributions());
        double[] p = r.probabilities();
        StringBuilder sb = new StringBuilder(200);
        // Hand-formatted: String.format costs a few microseconds on every decision.
        sb.append(r.action().label()).append(" in a ").append(regime.label()).append(" market: ensemble buy ");
        fixed(sb, p[0], 2).append(" / hold ");
        fixed(sb, p[1], 2).append(" / sell ");
        fixed(sb, p[2], 2).append(", led by ").append(agents.get(lead)).append(" (");
        fixed(sb, 100 * r.contributions()[lead], 0).append("% of the weight); confidence ");
        fixed(sb, r.confidence(), 3).append(" is ").append(r.shouldProceed() ? "at or above" : "below").append(" the ");
        fixed(sb, r.threshold(), 3).append(" threshold");
        if (!fallbacks.isEmpty()) sb.append("; fell back: ").append(String.join(", ", fallbacks));
        return sb.append('.').toString();
    }

    /** {@code value} with exactly {@code decimals} digits after the point, rounded half up (as %.Nf). */
    static StringBuilder fixed(StringBuilder sb, double value, int decimals) {
        long scale = decimals == 0 ? 1 : decimals == 1 ? 10 : decimals == 2 ? 100 : 1000;
        if (decimals > 3) throw new IllegalArgumentException("at most 3 decimals");
        long scaled = Math.round(Math.abs(value) * scale);
        if (value < 0 && scaled != 0) sb.append('-');
        sb.append(scaled / scale);
        if (decimals == 0) return sb;
        sb.append('.');
        String frac = Long.toString(scaled % scale);
        for (int i = frac.length(); i < decimals; i++) sb.append('0');
        return sb.append(frac);
    }
}
