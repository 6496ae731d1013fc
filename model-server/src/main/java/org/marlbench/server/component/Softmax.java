package org.marlbench.server.component;

/** Numerically stable softmax and entropy, shared by the agents' heads, the gating and the ensemble. */
final class Softmax {
    private Softmax() {
    }

    /** softmax of {@code logits[from .. from+n)} into a new array (max subtracted for stability). */
    static double[] of(float[] logits, int from, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) max = Math.max(max, logits[from + i]);
        double[] p = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            p[i] = Math.exp(logits[from + i] - max);
            sum += p[i];
        }
        for (int i = 0; i < n; i++) p[i] /= sum;
        return p;
    }

    static double[] of(double[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logits) max = Math.max(max, v);
        double[] p = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(logits[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) p[i] /= sum;
        return p;
    }

    /** Shannon entropy in nats, each probability clamped at {@code floor} first (0 for none). */
    static double entropy(double[] p, double floor) {
        double h = 0;
        for (double v : p) {
            double c = Math.max(v, floor);
            if (c > 0) h -= c * Math.log(c);
        }
        return h;
    }

    static int argmax(double[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) if (p[i] > p[best]) best = i;
        return best;
    }

    static double max(double[] p) {
        return p[argmax(p)];
    }
}
