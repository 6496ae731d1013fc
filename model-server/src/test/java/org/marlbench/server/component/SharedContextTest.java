package org.marlbench.server.component;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SharedContextTest {
    /** Values worked out by hand; see each column's comment. */
    private static float[] known() {
        float[] m = Matrices.zeros();
        Matrices.setColumn(m, 11, r -> r % 2 == 0 ? 1 : 3);      // mean 2, population std 1
        Matrices.setColumn(m, 12, r -> 1.5);                     // mean 1.5
        Matrices.setColumn(m, 9, r -> r);                        // mean (0+47)/2 = 23.5
        Matrices.setColumn(m, 10, r -> r < 24 ? 1 : 4);          // mean 2.5, halves differ by 3
        Matrices.setColumn(m, 0, r -> 2);                        // mean 2
        Matrices.setColumn(m, 5, r -> 1000);                     // not in the context
        return m;
    }

    @Test
    void computesTheSixValuesOfTheSpec() {
        SharedContext c = SharedContext.of(known(), Matrices.ROWS, Matrices.COLS);
        assertEquals(1.0, c.volatility30(), 1e-12);
        assertEquals(1.5, c.volumeRatio(), 1e-12);
        assertEquals(23.5, c.momentum20(), 1e-12);
        assertEquals(2.5, c.momentum50(), 1e-12);
        assertEquals(3.0, c.mmdScore(), 1e-12);
        assertEquals(2.0, c.priceTrend(), 1e-12);
    }

    @Test
    void mmdIsAbsolute() {
        float[] m = Matrices.setColumn(Matrices.zeros(), 10, r -> r < 24 ? 4 : 1);
        assertEquals(3.0, SharedContext.of(m, Matrices.ROWS, Matrices.COLS).mmdScore(), 1e-12);
    }

    @Test
    void vectorIsInTheGatingInputOrder() {
        SharedContext c = SharedContext.of(known(), Matrices.ROWS, Matrices.COLS);
        // volatility_30, volume_ratio, momentum_20, momentum_50, mmd_score, price_trend
        assertArrayEquals(new double[] {1, 1.5, 23.5, 2.5, 3, 2}, c.asVector(), 1e-12);
    }

    @Test
    void populationStdDividesByN() {
        // values 0 and 2 alternating: sample std would be sqrt(48/47); population std is exactly 1
        float[] m = Matrices.setColumn(Matrices.zeros(), 11, r -> r % 2 == 0 ? 0 : 2);
        assertEquals(1.0, MatrixStats.std(m, Matrices.ROWS, Matrices.COLS, 11), 1e-12);
    }
}
