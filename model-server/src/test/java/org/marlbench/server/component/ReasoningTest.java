package org.marlbench.server.component;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReasoningTest {
    private static String fixed(double v, int decimals) {
        return Reasoning.fixed(new StringBuilder(), v, decimals).toString();
    }

    @Test
    void fixedDecimalsMatchStringFormatOnKnownValues() {
        assertEquals("0.33", fixed(0.33, 2));
        assertEquals("0.34", fixed(0.339999, 2));
        assertEquals("0.780", fixed(0.78, 3));
        assertEquals("0.065", fixed(0.0649999999, 3));
        assertEquals("81", fixed(81.456, 0));
        assertEquals("100", fixed(99.5, 0));
        assertEquals("1.000", fixed(0.99999, 3));
        assertEquals("0.00", fixed(0.0, 2));
        assertEquals("-0.25", fixed(-0.25, 2));
    }

    @Test
    void fixedDecimalsAgreeWithStringFormatOnRandomProbabilities() {
        SplittableRandom random = new SplittableRandom(7);
        int disagreements = 0;
        for (int i = 0; i < 100_000; i++) {
            double v = random.nextDouble();
            for (int d = 0; d <= 3; d++) {
                double x = d == 0 ? v * 100 : v;
                if (!fixed(x, d).equals(String.format(Locale.ROOT, "%." + d + "f", x))) disagreements++;
            }
        }
        // Only values within one ulp of a rounding tie may round differently from the decimal expansion.
        assertEquals(0, disagreements, "hand formatting differs from %.Nf");
    }
}
