package org.marlbench.feeders;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MarketMatrixGeneratorTest {
    static final int LARGE_SAMPLE = 3000;
    static List<GeneratedMatrix> large;

    @BeforeAll
    static void generateLargeSample() {
        large = new MarketMatrixGenerator(7L).generate(LARGE_SAMPLE);
    }

    @Test
    void sameSeedGivesIdenticalOutput() {
        List<GeneratedMatrix> a = new MarketMatrixGenerator(42L).generate(40);
        List<GeneratedMatrix> b = new MarketMatrixGenerator(42L).generate(40);
        assertEquals(MarketJson.lines(a), MarketJson.lines(b));
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).matrix(), b.get(i).matrix());
        }
    }

    @Test
    void differentSeedGivesDifferentOutput() {
        List<GeneratedMatrix> a = new MarketMatrixGenerator(42L).generate(40);
        List<GeneratedMatrix> b = new MarketMatrixGenerator(43L).generate(40);
        for (int i = 0; i < a.size(); i++) {
            assertNotEquals(MarketJson.body(a.get(i)), MarketJson.body(b.get(i)), "record " + i);
        }
    }

    @Test
    void everyMatrixIs48By13AndFiniteInFloat32() {
        for (GeneratedMatrix g : large) {
            assertEquals(48, g.matrix().length);
            for (double[] row : g.matrix()) {
                assertEquals(13, row.length);
                for (double v : row) {
                    assertTrue(Double.isFinite(v) && Float.isFinite((float) v), "record " + g.id() + ": " + v);
                }
            }
        }
    }

    @Test
    void columnsStayInTheirDocumentedRanges() {
        int bullishOn = 0;
        int bearishOn = 0;
        int cells = 0;
        for (GeneratedMatrix g : large) {
            for (double[] r : g.matrix()) {
                String at = "record " + g.id();
                assertTrue(r[0] >= -1 && r[0] <= 1, at + " mlmi_value " + r[0]);
                assertTrue(r[1] >= -1 && r[1] <= 1, at + " mlmi_signal " + r[1]);
                assertTrue(r[2] > 2000 && r[2] < 10000, at + " nwrqk_value " + r[2]);
                assertTrue(Math.abs(r[3]) < 0.02, at + " nwrqk_slope " + r[3]);
                assertTrue(r[4] >= 0 && r[4] < 0.2 * r[2], at + " lvn_distance " + r[4]);
                assertTrue(r[5] >= 0 && r[5] <= 1, at + " lvn_strength " + r[5]);
                assertTrue(r[6] == 0 || r[6] == 1, at + " fvg_bullish_active " + r[6]);
                assertTrue(r[7] == 0 || r[7] == 1, at + " fvg_bearish_active " + r[7]);
                assertTrue(Math.abs(r[8] / r[2] - 1) < 0.1, at + " fvg_nearest_level " + r[8] + " far from price " + r[2]);
                assertTrue(Math.abs(r[9]) < 0.3, at + " momentum_20 " + r[9]);
                assertTrue(Math.abs(r[10]) < 0.5, at + " momentum_50 " + r[10]);
                assertTrue(r[11] > 0 && r[11] < 0.05, at + " volatility_30 must be > 0: " + r[11]);
                assertTrue(r[12] > 0 && r[12] < 5, at + " volume_ratio must be > 0: " + r[12]);
                bullishOn += (int) r[6];
                bearishOn += (int) r[7];
                cells++;
            }
        }
        // the flags are real events, neither always on nor never on
        assertTrue(bullishOn > cells / 20 && bullishOn < cells * 0.9, "bullish FVG share " + bullishOn + "/" + cells);
        assertTrue(bearishOn > cells / 20 && bearishOn < cells * 0.9, "bearish FVG share " + bearishOn + "/" + cells);
    }

    @Test
    void valuesCarryAtMostTheirColumnsDecimals() {
        for (GeneratedMatrix g : large.subList(0, 200)) {
            for (double[] row : g.matrix()) {
                for (int c = 0; c < 13; c++) {
                    int scale = new BigDecimal(Double.toString(row[c])).stripTrailingZeros().scale();
                    assertTrue(scale <= Columns.DECIMALS[c], "col " + c + " value " + row[c]);
                }
            }
        }
    }

    /** Bar series are smooth in time: lag-1 autocorrelation of i.i.d. noise would be about 0. */
    @Test
    void columnsAreAutocorrelatedNotIidNoise() {
        int[] smoothCols = {0, 1, 2, 9, 10, 11, 12};
        for (int c : smoothCols) {
            double sum = 0;
            for (GeneratedMatrix g : large.subList(0, 300)) {
                sum += lag1Autocorrelation(g.matrix(), c);
            }
            double mean = sum / 300;
            assertTrue(mean > 0.6, Columns.NAMES[c] + " mean lag-1 autocorrelation " + mean);
        }
    }

    @Test
    void everyLabelEqualsTheSpecRuleRecomputed() {
        for (GeneratedMatrix g : large) {
            assertEquals(g.regime().label(), SpecLabel.of(g.matrix()), "record " + g.id());
            assertEquals(g.regime().label(), SpecLabel.ofFloat32(g.matrix()), "record " + g.id() + " in float32");
        }
    }

    @Test
    void defaultProportionsHoldOverALargeSample() {
        Map<Regime, Integer> counts = count(large);
        assertShares(counts, RegimeMix.DEFAULT, LARGE_SAMPLE, 0.02);
        assertEquals(1200, counts.get(Regime.TRENDING));
        assertEquals(1200, counts.get(Regime.RANGING));
        assertEquals(600, counts.get(Regime.VOLATILE));
    }

    @Test
    void configuredProportionsAreHonoured() {
        RegimeMix mix = new RegimeMix(0.15, 0.5, 0.35);
        List<GeneratedMatrix> sample = new MarketMatrixGenerator(11L, mix).generate(1000);
        assertShares(count(sample), mix, 1000, 0.01);
        for (GeneratedMatrix g : sample) {
            assertEquals(g.regime().label(), SpecLabel.of(g.matrix()));
        }
    }

    /** Exact quotas overall, and shuffled: a prefix of the feed is already roughly mixed. */
    @Test
    void regimesAreShuffledNotBlocked() {
        Map<Regime, Integer> firstTenth = count(large.subList(0, 300));
        assertShares(firstTenth, RegimeMix.DEFAULT, 300, 0.08);
    }

    @Test
    void mostSimulationsHitTheirRegimeFirstTime() {
        double attempts = large.stream().mapToInt(GeneratedMatrix::attempts).average().orElseThrow();
        assertTrue(attempts < 1.5, "mean attempts " + attempts);
    }

    @Test
    void regimeMixRejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new RegimeMix(0.5, 0.5, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new RegimeMix(-0.1, 0.6, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new MarketMatrixGenerator(1L).generate(0));
        Map<Regime, Integer> q = new RegimeMix(1 / 3.0, 1 / 3.0, 1 / 3.0).quotas(10);
        assertEquals(10, q.values().stream().mapToInt(Integer::intValue).sum());
    }

    /** Margins: a matrix right at a SPEC threshold is never accepted for either side. */
    @Test
    void labelsNearAThresholdAreRejected() {
        double[][] m = new double[48][13];
        for (int r = 0; r < 48; r++) {
            m[r][12] = 1 + (r % 2 == 0 ? 0.0502 : -0.0502); // population std 0.0502: volatile by a hair
            m[r][9] = 0.02;
        }
        assertEquals(Regime.VOLATILE, RegimeRule.classify(m));
        assertFalse(MarketMatrixGenerator.clearlyIs(Regime.VOLATILE, m));
        for (int r = 0; r < 48; r++) {
            m[r][12] = 1;
            m[r][9] = 0.0101; // trending by a hair
        }
        assertEquals(Regime.TRENDING, RegimeRule.classify(m));
        assertFalse(MarketMatrixGenerator.clearlyIs(Regime.TRENDING, m));
        assertFalse(MarketMatrixGenerator.clearlyIs(Regime.RANGING, m));
    }

    static double lag1Autocorrelation(double[][] m, int col) {
        double mean = 0;
        for (double[] row : m) {
            mean += row[col] / m.length;
        }
        double num = 0;
        double den = 0;
        for (int r = 0; r < m.length; r++) {
            double d = m[r][col] - mean;
            den += d * d;
            if (r > 0) {
                num += d * (m[r - 1][col] - mean);
            }
        }
        return den == 0 ? 1 : num / den;
    }

    static Map<Regime, Integer> count(List<GeneratedMatrix> sample) {
        Map<Regime, Integer> counts = new EnumMap<>(Regime.class);
        for (Regime r : Regime.values()) {
            counts.put(r, 0);
        }
        sample.forEach(g -> counts.merge(g.regime(), 1, Integer::sum));
        return counts;
    }

    static void assertShares(Map<Regime, Integer> counts, RegimeMix mix, int n, double tolerance) {
        for (Regime r : Regime.values()) {
            double share = counts.get(r) / (double) n;
            assertEquals(mix.share(r), share, tolerance, r + " share");
        }
    }
}
