package org.marlbench.bench.stats;

/**
 * One run against the spread of several recorded runs of the same build (committed-baseline
 * mode): on the log scale, the run's value minus the mean of the baseline runs, with the t
 * prediction interval of one new run, s x sqrt(1 + 1/n) on n - 1 degrees of freedom. The
 * variance is between whole runs (server JVM starts, machine moods), not between the requests of one run.
 */
public final class RunSpread {
    private RunSpread() {
    }

    /** @throws IllegalArgumentException with fewer than 2 baseline values or a non-positive value */
    public static RatioEstimate estimate(double[] baselineValues, double current) {
        int n = baselineValues.length;
        if (n < 2) throw new IllegalArgumentException("a spread needs at least 2 baseline runs, got " + n);
        if (!(current > 0)) throw new IllegalArgumentException("current value " + current + " is not positive");
        double mean = 0;
        for (double v : baselineValues) {
            if (!(v > 0)) throw new IllegalArgumentException("baseline value " + v + " is not positive");
            mean += Math.log(v) / n;
        }
        double ss = 0;
        for (double v : baselineValues) ss += (Math.log(v) - mean) * (Math.log(v) - mean);
        double sd = Math.sqrt(ss / (n - 1));
        return RatioEstimate.of(Math.log(current) - mean, sd * Math.sqrt(1 + 1.0 / n), n - 1,
                "spread of " + n + " baseline runs");
    }
}
