package org.marlbench.feeders;

/**
 * One generated request: the 48x13 matrix (already rounded to {@link Columns#DECIMALS}) and the
 * optional request fields. `attempts` is how many simulations it took to hit the regime.
 */
public record GeneratedMatrix(int id, Regime regime, double[][] matrix, String synergyType, int direction,
                              double confidence, String correlationId, int attempts) {
}
