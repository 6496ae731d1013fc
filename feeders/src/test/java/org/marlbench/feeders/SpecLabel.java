package org.marlbench.feeders;

/**
 * The SPEC regime rule written again, independently of {@link RegimeRule}, so tests check the
 * generator against the contract rather than against itself.
 */
final class SpecLabel {
    private SpecLabel() {
    }

    static String of(double[][] m) {
        int n = m.length;
        double volMean = 0;
        double momMean = 0;
        for (double[] row : m) {
            volMean += row[12];
            momMean += row[9];
        }
        volMean /= n;
        momMean /= n;
        double var = 0;
        for (double[] row : m) {
            var += (row[12] - volMean) * (row[12] - volMean);
        }
        double volStd = Math.sqrt(var / n); // population std
        if (volStd > 0.05) {
            return "volatile";
        }
        return Math.abs(momMean) > 0.01 ? "trending" : "ranging";
    }

    /** The same rule computed entirely in float32, as a float-based server might. */
    static String ofFloat32(double[][] m) {
        int n = m.length;
        float volMean = 0;
        float momMean = 0;
        for (double[] row : m) {
            volMean += (float) row[12];
            momMean += (float) row[9];
        }
        volMean /= n;
        momMean /= n;
        float var = 0;
        for (double[] row : m) {
            float d = (float) row[12] - volMean;
            var += d * d;
        }
        float volStd = (float) Math.sqrt(var / n);
        if (volStd > 0.05f) {
            return "volatile";
        }
        return Math.abs(momMean) > 0.01f ? "trending" : "ranging";
    }
}
