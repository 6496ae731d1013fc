package org.marlbench.bench.stats;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * The least-squares slope of a series against time, per hour, with its 95 % interval (Student's t,
 * n - 2 degrees of freedom) and the fit's R². Residuals of a resource series are autocorrelated
 * (a sample looks like the one before it), which would make the plain interval too narrow, so the
 * standard error is inflated by sqrt((1 + r1) / (1 - r1)) for the lag-1 autocorrelation r1 of the
 * residuals (the usual AR(1) correction of the effective sample size).
 */
public record SlopeEstimate(int n, double perHour, double lowPerHour, double highPerHour, double rSquared,
                            double lag1Autocorrelation) {

    /** @param timesMs sample times (epoch ms), increasing; values in any unit (the slope is in that unit per hour) */
    public static SlopeEstimate fit(long[] timesMs, double[] values) {
        int n = timesMs.length;
        if (n < 4 || values.length != n) {
            throw new IllegalArgumentException("a slope needs at least 4 samples, got " + n);
        }
        SimpleRegression r = new SimpleRegression();
        double t0 = timesMs[0];
        double[] hours = new double[n];
        for (int i = 0; i < n; i++) {
            hours[i] = (timesMs[i] - t0) / 3_600_000.0;
            r.addData(hours[i], values[i]);
        }
        double[] residuals = new double[n];
        for (int i = 0; i < n; i++) residuals[i] = values[i] - r.predict(hours[i]);
        double rho = lag1(residuals);
        double inflation = Math.sqrt((1 + Math.max(0, rho)) / (1 - Math.max(0, Math.min(rho, 0.95))));
        double se = r.getSlopeStdErr() * inflation;
        double t = new TDistribution(Math.max(1, n - 2)).inverseCumulativeProbability(0.975);
        double slope = r.getSlope();
        return new SlopeEstimate(n, slope, slope - t * se, slope + t * se, Double.isNaN(r.getRSquare()) ? 0 : r.getRSquare(), rho);
    }

    static double lag1(double[] x) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < x.length; i++) {
            den += x[i] * x[i];
            if (i > 0) num += x[i] * x[i - 1];
        }
        return den == 0 ? 0 : num / den;
    }

    /** Significantly above the limit: the whole interval lies above it. */
    public boolean above(double limitPerHour) {
        return lowPerHour > limitPerHour;
    }
}
