package org.marlbench.bench.history;

/** Two-sided 95 % quantile t(0.975, df) of Student's t distribution: table up to 30, then a series. */
public final class StudentT {
    private static final double[] T975 = {
        Double.NaN, 12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
        2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};

    private StudentT() {
    }

    public static double quantile975(int df) {
        if (df < 1) {
            throw new IllegalArgumentException("degrees of freedom must be >= 1, got " + df);
        }
        if (df < T975.length) {
            return T975[df];
        }
        // Cornish-Fisher expansion around z = 1.959964, accurate to 1e-4 for df > 30
        double z = 1.959964;
        double g1 = (Math.pow(z, 3) + z) / 4;
        double g2 = (5 * Math.pow(z, 5) + 16 * Math.pow(z, 3) + 3 * z) / 96;
        return z + g1 / df + g2 / ((double) df * df);
    }
}
