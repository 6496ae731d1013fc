package org.marlbench.feeders;

import java.util.SplittableRandom;

/**
 * Standard normal draws by Box-Muller on StrictMath, so the data file is byte-stable across
 * JDK versions and CPUs (RandomGenerator.nextGaussian and Math.* are not guaranteed to be).
 */
final class Gaussian {
    private Gaussian() {
    }

    static double next(SplittableRandom rnd) {
        double u1 = 1.0 - rnd.nextDouble(); // (0, 1]: log is finite
        double u2 = rnd.nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
    }

    static double uniform(SplittableRandom rnd, double lo, double hi) {
        return lo + (hi - lo) * rnd.nextDouble();
    }
}
