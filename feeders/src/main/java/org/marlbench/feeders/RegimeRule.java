package org.marlbench.feeders;

/**
 * The SPEC's regime rule, plus the statistics it is made of. The generator uses the
 * statistics with safety margins so a label cannot flip between double and float32 maths.
 */
public final class RegimeRule {
    public static final int MOMENTUM_20_COL = 9;
    public static final int VOLUME_RATIO_COL = 12;
    public static final double VOLUME_STD_THRESHOLD = 0.05;
    public static final double MOMENTUM_MEAN_THRESHOLD = 0.01;

    private RegimeRule() {
    }

    /** "volatile" if std(col 12) > 0.05, else "trending" if |mean(col 9)| > 0.01, else "ranging". */
    public static Regime classify(double[][] matrix) {
        if (volumeRatioStd(matrix) > VOLUME_STD_THRESHOLD) {
            return Regime.VOLATILE;
        }
        if (Math.abs(momentumMean(matrix)) > MOMENTUM_MEAN_THRESHOLD) {
            return Regime.TRENDING;
        }
        return Regime.RANGING;
    }

    /** Population standard deviation of column 12 (volume_ratio). */
    public static double volumeRatioStd(double[][] matrix) {
        return populationStd(matrix, VOLUME_RATIO_COL);
    }

    /** Mean of column 9 (momentum_20). */
    public static double momentumMean(double[][] matrix) {
        return mean(matrix, MOMENTUM_20_COL);
    }

    static double mean(double[][] matrix, int col) {
        double sum = 0;
        for (double[] row : matrix) {
            sum += row[col];
        }
        return sum / matrix.length;
    }

    static double populationStd(double[][] matrix, int col) {
        double mean = mean(matrix, col);
        double sumSq = 0;
        for (double[] row : matrix) {
            double d = row[col] - mean;
            sumSq += d * d;
        }
        return Math.sqrt(sumSq / matrix.length);
    }
}
