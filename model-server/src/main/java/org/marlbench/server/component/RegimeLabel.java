package org.marlbench.server.component;

/** SPEC regime label: volatile if std(volume_ratio) > 0.05, else trending if |mean(momentum_20)| > 0.01, else ranging. */
final class RegimeLabel {
    static final double VOLATILE_STD = 0.05;
    static final double TRENDING_MOMENTUM = 0.01;

    private RegimeLabel() {
    }

    static Regime of(float[] matrix, int rows, int cols) {
        double volumeStd = MatrixStats.std(matrix, rows, cols, SharedContext.COL_VOLUME_RATIO);
        double momentum = MatrixStats.mean(matrix, rows, cols, SharedContext.COL_MOMENTUM_20, 0, rows);
        return of(volumeStd, momentum);
    }

    static Regime of(double volumeRatioStd, double momentum20Mean) {
        if (volumeRatioStd > VOLATILE_STD) return Regime.VOLATILE;
        if (Math.abs(momentum20Mean) > TRENDING_MOMENTUM) return Regime.TRENDING;
        return Regime.RANGING;
    }
}
