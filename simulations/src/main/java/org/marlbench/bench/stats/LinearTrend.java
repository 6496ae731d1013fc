package org.marlbench.bench.stats;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * Least-squares line y = intercept + slope * x over x = 0..n-1 (run index), with the 95 % interval
 * of the slope and the 95 % band of the mean line at any x (Student's t, n - 2 degrees of freedom).
 */
public final class LinearTrend {
    private final SimpleRegression regression = new SimpleRegression();
    private final int n;
    private final double t975;

    private LinearTrend(double[] y) {
        this.n = y.length;
        for (int i = 0; i < n; i++) regression.addData(i, y[i]);
        this.t975 = new TDistribution(n - 2).inverseCumulativeProbability(0.975);
    }

    public static LinearTrend fit(double[] y) {
        if (y.length < 3) {
            throw new IllegalArgumentException("a trend needs at least 3 points, got " + y.length);
        }
        return new LinearTrend(y);
    }

    public int n() {
        return n;
    }

    public double slope() {
        return regression.getSlope();
    }

    public double valueAt(double x) {
        return regression.predict(x);
    }

    public double slopeHalfWidth() {
        return t975 * regression.getSlopeStdErr();
    }

    /** Half width of the 95 % confidence band of the fitted line at x. */
    public double bandHalfWidth(double x) {
        double meanX = (n - 1) / 2.0;
        double sxx = regression.getXSumSquares();
        double residualStd = Math.sqrt(regression.getMeanSquareError());
        return t975 * residualStd * Math.sqrt(1.0 / n + (x - meanX) * (x - meanX) / sxx);
    }
}
