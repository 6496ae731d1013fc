package org.marlbench.feeders;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Deterministic generator of realistic 48x13 market matrices. For each record it draws the
 * regime from an exact, shuffled quota of the {@link RegimeMix}, simulates 30-minute bars in
 * that regime, computes the indicator columns, rounds them, and accepts the matrix only if the
 * SPEC regime rule (on float32 values, with a safety margin) gives that same regime;
 * otherwise it simulates again from the same random stream.
 */
public final class MarketMatrixGenerator {
    public static final long DEFAULT_SEED = 20_261_127L;
    public static final int DEFAULT_COUNT = 256;
    /** Margins around the SPEC thresholds so the label is the same in float32 and double maths. */
    public static final double VOLATILE_MIN_VOLUME_STD = 0.055;
    public static final double CALM_MAX_VOLUME_STD = 0.045;
    public static final double TRENDING_MIN_MOMENTUM = 0.012;
    public static final double RANGING_MAX_MOMENTUM = 0.008;
    static final int MAX_ATTEMPTS = 1000;
    static final String[] SYNERGY_TYPES = {
        "momentum_alignment", "nwrqk_lvn_confluence", "fvg_momentum_breakout", "mlmi_nwrqk_reversal",
    };

    private final long seed;
    private final RegimeMix mix;

    public MarketMatrixGenerator(long seed, RegimeMix mix) {
        this.seed = seed;
        this.mix = mix;
    }

    public MarketMatrixGenerator(long seed) {
        this(seed, RegimeMix.DEFAULT);
    }

    public List<GeneratedMatrix> generate(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, got " + count);
        }
        SplittableRandom master = new SplittableRandom(seed);
        Regime[] schedule = schedule(count, master);
        List<GeneratedMatrix> out = new ArrayList<>(count);
        for (int id = 0; id < count; id++) {
            out.add(generateOne(id, schedule[id], master.split()));
        }
        return out;
    }

    /** Exact quotas of each regime, in a seeded Fisher-Yates order. */
    private Regime[] schedule(int count, SplittableRandom rnd) {
        Regime[] schedule = new Regime[count];
        int i = 0;
        for (Map.Entry<Regime, Integer> e : mix.quotas(count).entrySet()) {
            for (int k = 0; k < e.getValue(); k++) {
                schedule[i++] = e.getKey();
            }
        }
        for (int k = count - 1; k > 0; k--) {
            int j = rnd.nextInt(k + 1);
            Regime tmp = schedule[k];
            schedule[k] = schedule[j];
            schedule[j] = tmp;
        }
        return schedule;
    }

    private static GeneratedMatrix generateOne(int id, Regime regime, SplittableRandom rnd) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Bars bars = BarSimulator.simulate(regime, Indicators.WARMUP_BARS + Indicators.ROWS, rnd);
            double[][] matrix = roundAll(Indicators.compute(bars));
            if (clearlyIs(regime, toFloat32(matrix))) {
                checkPlausible(matrix);
                String synergy = SYNERGY_TYPES[rnd.nextInt(SYNERGY_TYPES.length)];
                double confidence = Columns.round(Gaussian.uniform(rnd, 0.55, 0.95), 2);
                return new GeneratedMatrix(id, regime, matrix, synergy, direction(regime, matrix), confidence,
                        String.format("feed-%06d", id), attempt);
            }
        }
        throw new IllegalStateException("no " + regime.label() + " matrix after " + MAX_ATTEMPTS + " attempts (id " + id + ")");
    }

    /** The SPEC rule gives `regime`, and not by a hair: both statistics clear the margins. */
    static boolean clearlyIs(Regime regime, double[][] matrix) {
        double volumeStd = RegimeRule.volumeRatioStd(matrix);
        double momentum = Math.abs(RegimeRule.momentumMean(matrix));
        boolean label = RegimeRule.classify(matrix) == regime;
        return label && switch (regime) {
            case VOLATILE -> volumeStd >= VOLATILE_MIN_VOLUME_STD;
            case TRENDING -> volumeStd <= CALM_MAX_VOLUME_STD && momentum >= TRENDING_MIN_MOMENTUM;
            case RANGING -> volumeStd <= CALM_MAX_VOLUME_STD && momentum <= RANGING_MAX_MOMENTUM;
        };
    }

    /** Trending requests point with the trend; others follow the latest kernel-regression slope. */
    private static int direction(Regime regime, double[][] m) {
        double signal = regime == Regime.TRENDING ? RegimeRule.momentumMean(m) : m[m.length - 1][3];
        return signal < 0 ? -1 : 1;
    }

    static double[][] roundAll(double[][] m) {
        double[][] out = new double[m.length][];
        for (int r = 0; r < m.length; r++) {
            out[r] = new double[m[r].length];
            for (int c = 0; c < m[r].length; c++) {
                out[r][c] = Columns.round(m[r][c], Columns.DECIMALS[c]);
            }
        }
        return out;
    }

    /** What the server sees after parsing: every value narrowed to float32. */
    static double[][] toFloat32(double[][] m) {
        double[][] out = new double[m.length][];
        for (int r = 0; r < m.length; r++) {
            out[r] = new double[m[r].length];
            for (int c = 0; c < m[r].length; c++) {
                out[r][c] = (float) m[r][c];
            }
        }
        return out;
    }

    /** A simulator bug must fail loudly, never ship: shape, finiteness, flags, positivity. */
    private static void checkPlausible(double[][] m) {
        if (m.length != Indicators.ROWS) {
            throw new IllegalStateException("rows " + m.length);
        }
        for (int r = 0; r < m.length; r++) {
            double[] row = m[r];
            for (int c = 0; c < row.length; c++) {
                if (!Double.isFinite(row[c]) || Float.isInfinite((float) row[c])) {
                    throw new IllegalStateException("non-finite value at row " + r + " col " + c);
                }
            }
            if (Math.abs(row[0]) > 1 || Math.abs(row[1]) > 1 || row[5] < 0 || row[5] > 1 || row[4] < 0
                    || (row[Columns.FVG_BULLISH] != 0 && row[Columns.FVG_BULLISH] != 1)
                    || (row[Columns.FVG_BEARISH] != 0 && row[Columns.FVG_BEARISH] != 1)
                    || row[Columns.VOLATILITY_30] <= 0 || row[Columns.VOLUME_RATIO] <= 0) {
                throw new IllegalStateException("implausible row " + r + ": " + java.util.Arrays.toString(row));
            }
        }
    }
}
