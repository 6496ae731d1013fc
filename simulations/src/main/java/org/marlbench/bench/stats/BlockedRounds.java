package org.marlbench.bench.stats;

import org.apache.commons.math3.distribution.FDistribution;

/**
 * The ratio B/A of one metric from an A/B run in palindromic blocks, with an interval that holds
 * the variance between rounds and between server JVMs (Georges et al., OOPSLA 2007: JIT outcomes
 * differ between JVM starts, so a one-JVM interval is too narrow).
 *
 * <p>Design: k server JVMs ("forks") per side; every block visits each of the 2k forks twice, in a
 * palindrome (A1 B1 A2 B2 B2 A2 B1 A1, rotated from block to block), so each fork's mean over its two
 * rounds sits at the block's centre and a linear drift of the machine cancels; block effects (a
 * noisy minute on a shared runner hits both sides alike) drop out of the fork contrasts. Input:
 * {@code z[b][f]}, the mean of log(metric) over fork f's rounds in block b, forks 0..k-1 are A.
 *
 * <p>Model: z = block + side + fork(side) + e, forks random. The side difference d = mean of B forks
 * minus mean of A forks has variance (2/k)(var fork + var e / M) = 2 E[MS_forks] / (kM) with
 * MS_forks the forks-within-sides mean square (2(k-1) degrees of freedom). With few forks that has
 * few degrees of freedom, so when the forks do not differ detectably (F test of MS_forks against the
 * residual MS_e, p > 0.25: Bozivich, Bancroft and Hartley's "sometimes pool" rule) both mean squares
 * are pooled; otherwise the interval rests on MS_forks alone and widens. With one fork per side
 * (servers someone else started) the interval rests on MS_e and cannot include JVM variance.
 */
public final class BlockedRounds {
    /** Preliminary-test level above which fork and residual variance are pooled. */
    static final double POOL_P_VALUE = 0.25;

    private BlockedRounds() {
    }

    /** @throws IllegalArgumentException when the design has no degrees of freedom left for an interval */
    public static RatioEstimate estimate(double[][] z, int forksPerSide) {
        int blocks = z.length;
        int forks = 2 * forksPerSide;
        if (blocks == 0 || z[0].length != forks) {
            throw new IllegalArgumentException("expected " + forks + " forks per block, got " + (blocks == 0 ? 0 : z[0].length));
        }
        double[] forkMean = new double[forks];
        double[] blockMean = new double[blocks];
        double grand = 0;
        for (int b = 0; b < blocks; b++) {
            for (int f = 0; f < forks; f++) {
                forkMean[f] += z[b][f] / blocks;
                blockMean[b] += z[b][f] / forks;
                grand += z[b][f] / (blocks * forks);
            }
        }
        double sideA = 0;
        double sideB = 0;
        for (int f = 0; f < forksPerSide; f++) {
            sideA += forkMean[f] / forksPerSide;
            sideB += forkMean[forksPerSide + f] / forksPerSide;
        }
        double logRatio = sideB - sideA;

        double ssResidual = 0;
        for (int b = 0; b < blocks; b++) {
            for (int f = 0; f < forks; f++) {
                double r = z[b][f] - blockMean[b] - forkMean[f] + grand;
                ssResidual += r * r;
            }
        }
        int dfResidual = (blocks - 1) * (forks - 1);
        double ssForks = 0;
        for (int f = 0; f < forks; f++) {
            double side = f < forksPerSide ? sideA : sideB;
            ssForks += blocks * (forkMean[f] - side) * (forkMean[f] - side);
        }
        int dfForks = forks - 2;

        double scale = 2.0 / (forksPerSide * (double) blocks);
        if (dfForks == 0) {
            if (dfResidual == 0) throw new IllegalArgumentException("one block of one fork per side leaves no degrees of freedom");
            return RatioEstimate.of(logRatio, Math.sqrt(scale * ssResidual / dfResidual), dfResidual,
                    "rounds only: one server JVM per side, JVM-to-JVM variance not included");
        }
        double msForks = ssForks / dfForks;
        if (dfResidual == 0) {
            return RatioEstimate.of(logRatio, Math.sqrt(scale * msForks), dfForks, "between server JVMs (one block)");
        }
        double msResidual = ssResidual / dfResidual;
        double p = msResidual <= 0 ? (msForks > 0 ? 0 : 1)
                : 1 - new FDistribution(dfForks, dfResidual).cumulativeProbability(msForks / msResidual);
        if (p > POOL_P_VALUE) {
            double pooled = (ssForks + ssResidual) / (dfForks + dfResidual);
            return RatioEstimate.of(logRatio, Math.sqrt(scale * pooled), dfForks + dfResidual,
                    String.format(java.util.Locale.ROOT, "rounds and server JVMs pooled (JVMs alike, F-test p = %.2f)", p));
        }
        return RatioEstimate.of(logRatio, Math.sqrt(scale * msForks), dfForks,
                String.format(java.util.Locale.ROOT, "between server JVMs (they differ, F-test p = %.3f): more forks narrow it", p));
    }
}
