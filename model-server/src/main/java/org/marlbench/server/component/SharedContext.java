package org.marlbench.server.component;

/**
 * The six shared-context values of SPEC section 1, computed from the row-major 48x13 matrix.
 * {@link #asVector()} gives them in the order the gating Linear(6 -> 3) reads its inputs:
 * volatility_30, volume_ratio, momentum_20, momentum_50, mmd_score, price_trend (the SPEC's order).
 */
record SharedContext(double volatility30, double volumeRatio, double momentum20, double momentum50,
                     double mmdScore, double priceTrend) {

    static final int SIZE = 6;
    static final int COL_MLMI_VALUE = 0;
    static final int COL_MOMENTUM_20 = 9;
    static final int COL_MOMENTUM_50 = 10;
    static final int COL_VOLATILITY_30 = 11;
    static final int COL_VOLUME_RATIO = 12;

    static SharedContext of(float[] matrix, int rows, int cols) {
        int half = rows / 2;
        double momentum50Early = MatrixStats.mean(matrix, rows, cols, COL_MOMENTUM_50, 0, half);
        double momentum50Late = MatrixStats.mean(matrix, rows, cols, COL_MOMENTUM_50, half, rows);
        return new SharedContext(
                MatrixStats.std(matrix, rows, cols, COL_VOLATILITY_30),
                MatrixStats.mean(matrix, rows, cols, COL_VOLUME_RATIO, 0, rows),
                MatrixStats.mean(matrix, rows, cols, COL_MOMENTUM_20, 0, rows),
                MatrixStats.mean(matrix, rows, cols, COL_MOMENTUM_50, 0, rows),
                Math.abs(momentum50Late - momentum50Early),
                MatrixStats.mean(matrix, rows, cols, COL_MLMI_VALUE, 0, rows));
    }

    double[] asVector() {
        return new double[] {volatility30, volumeRatio, momentum20, momentum50, mmdScore, priceTrend};
    }
}
