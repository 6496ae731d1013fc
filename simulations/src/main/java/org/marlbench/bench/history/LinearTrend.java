package org.marlbench.bench.history;

/**
 * Least-squares line y = intercept + slope * x over x = 0..n-1 (run index), with the 95 %
 * interval of the slope and of the mean line at any x, from Student's t with n-2 degrees of freedom.
 */
public record LinearTrend(int n, double intercept, double slope, double residualStd, double meanX, double sxx) {

    public static LinearTrend fit(double[] y) {
        int n = y.length;
        if (n < 3) {
            throw new IllegalArgumentException("a trend needs at least 3 points, got " + n);
        }
        double meanX = (n - 1) / 2.0;
        double meanY = 0;
        for (double v : y) {
            meanY += v / n;
        }
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (i - meanX) * (i - meanX);
            sxy += (i - meanX) * (y[i] - meanY);
        }
        double slope = sxy / sxx;
        double intercept = meanY - slope * meanX;
        double sse = 0;
        for (int i = 0; i < n; i++) {
            double r = y[i] - (intercept + slope * i);
            sse += r * r;
        }
        return new LinearTrend(n, intercept, slope, Math.sqrt(sse / (n - 2)), meanX, sxx);
    }

    public double valueAt(double x) {
        return intercept + slope * x;
    }

    public double slopeHalfWidth() {
        return StudentT.quantile975(n - 2) * residualStd / Math.sqrt(sxx);
    }

    /** Half width of the 95 % confidence band of the fitted line at x. */
    public double bandHalfWidth(double x) {
        return StudentT.quantile975(n - 2) * residualStd * Math.sqrt(1.0 / n + (x - meanX) * (x - meanX) / sxx);
    }
}
