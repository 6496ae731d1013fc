package org.marlbench.server.component;

/**
 * SPEC ensemble: w_i = gating_i x confidence_i (x 0.1 when agent i fell back); the ensemble is the
 * w-weighted mean of the agents' probabilities (uniform if sum w = 0). Pure arithmetic.
 */
final class Ensemble {
    static final double[] FALLBACK_PROBABILITIES = {0.33, 0.34, 0.33};
    static final double FALLBACK_CONFIDENCE = 0.1;
    static final double FALLBACK_WEIGHT_FACTOR = 0.1;
    static final double PROBABILITY_FLOOR = 1e-8;

    /**
     * @param contributions w_i / sum w (1/3 each when sum w = 0, matching the uniform ensemble)
     */
    record Result(double[] probabilities, double[] contributions, Action action, double confidence,
                  double uncertainty, boolean shouldProceed, double threshold) {
    }

    private Ensemble() {
    }

    static Result combine(double[][] agentProbabilities, double[] agentConfidences, boolean[] fellBack,
                          double[] gatingWeights, double threshold, double fallbackThresholdFactor) {
        int agents = agentProbabilities.length;
        double[] w = new double[agents];
        double sumW = 0;
        boolean anyFallback = false;
        for (int i = 0; i < agents; i++) {
            w[i] = gatingWeights[i] * agentConfidences[i] * (fellBack[i] ? FALLBACK_WEIGHT_FACTOR : 1);
            sumW += w[i];
            anyFallback |= fellBack[i];
        }
        double[] ensemble = new double[3];
        double[] contributions = new double[agents];
        if (sumW > 0) {
            for (int i = 0; i < agents; i++) {
                contributions[i] = w[i] / sumW;
                for (int k = 0; k < 3; k++) ensemble[k] += w[i] * agentProbabilities[i][k];
            }
            for (int k = 0; k < 3; k++) ensemble[k] /= sumW;
        } else {
            java.util.Arrays.fill(ensemble, 1.0 / 3);
            java.util.Arrays.fill(contributions, 1.0 / agents);
        }
        int best = Softmax.argmax(ensemble);
        double confidence = ensemble[best] * Gating.confidence(gatingWeights);
        double uncertainty = Softmax.entropy(ensemble, PROBABILITY_FLOOR);
        double effectiveThreshold = anyFallback ? threshold * fallbackThresholdFactor : threshold;
        return new Result(ensemble, contributions, Action.values()[best], confidence, uncertainty,
                confidence >= effectiveThreshold, effectiveThreshold);
    }
}
