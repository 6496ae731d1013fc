package org.marlbench.server.component;

import java.util.List;

/**
 * One decision of the strategic component (SPEC section 1), free of HTTP.
 * Arrays indexed by agent are in the order mlmi, nwrqk, regime; probability arrays by action
 * in the order buy, hold, sell.
 *
 * @param agentContributions  each agent's share of the ensemble: effective weight / sum of them
 * @param fallbackAgents      names of agents that fell back (failed, over budget, breaker open)
 * @param computeNanos        the component's own compute time for this decision
 */
public record Decision(
        Action action,
        double confidence,
        double uncertainty,
        boolean shouldProceed,
        Regime regime,
        String reasoning,
        double[] agentContributions,
        double[] ensembleProbabilities,
        double[] individualConfidences,
        double[] gatingWeights,
        List<String> fallbackAgents,
        long computeNanos) {
}
