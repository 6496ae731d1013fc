package org.marlbench.server.component;

import java.util.SplittableRandom;

/**
 * Plausible 48x13 market matrices (row-major) for benchmarks and tests: random walks and noise in
 * each feature's usual range, with a per-matrix drift so trending, ranging and volatile regimes all occur.
 */
public final class MarketMatrices {
    private MarketMatrices() {
    }

    public static float[] generate(long seed, int rows, int cols) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] m = new float[rows * cols];
        double drift = rng.nextDouble(-0.03, 0.03);
        double volumeNoise = rng.nextDouble(0.01, 0.12);
        double mlmi = rng.nextDouble(30, 70);
        double nwrqk = rng.nextDouble(4000, 5000);
        for (int r = 0; r < rows; r++) {
            mlmi += rng.nextDouble(-3, 3);
            nwrqk += rng.nextDouble(-10, 10) + 40 * drift;
            double momentum = drift + rng.nextDouble(-0.01, 0.01);
            float[] v = {
                    (float) mlmi,                              // 0 mlmi_value
                    (float) (mlmi + rng.nextDouble(-5, 5)),    // 1 mlmi_signal
                    (float) nwrqk,                             // 2 nwrqk_value
                    (float) rng.nextDouble(-1, 1),             // 3 nwrqk_slope
                    (float) rng.nextDouble(0, 0.05),           // 4 lvn_distance
                    (float) rng.nextDouble(0, 1),              // 5 lvn_strength
                    rng.nextDouble() < 0.2 ? 1f : 0f,          // 6 fvg_bullish_active
                    rng.nextDouble() < 0.2 ? 1f : 0f,          // 7 fvg_bearish_active
                    (float) (nwrqk * (1 + rng.nextDouble(-0.01, 0.01))), // 8 fvg_nearest_level
                    (float) momentum,                          // 9 momentum_20
                    (float) (momentum * 0.7 + rng.nextDouble(-0.005, 0.005)), // 10 momentum_50
                    (float) rng.nextDouble(0.005, 0.04),       // 11 volatility_30
                    (float) (1 + rng.nextDouble(-volumeNoise, volumeNoise) * 1.7), // 12 volume_ratio
            };
            System.arraycopy(v, 0, m, r * cols, Math.min(cols, v.length));
        }
        return m;
    }
}
