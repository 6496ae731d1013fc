package org.marlbench.server.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ServerTimingTest {
    private static final Pattern FORMAT =
            Pattern.compile("model;dur=(\\d+\\.\\d{3}), total;dur=(\\d+\\.\\d{3})");

    /** [model ms, total ms] of a Server-Timing value; fails unless it is exactly our format. */
    static double[] parse(String value) {
        Matcher m = FORMAT.matcher(value);
        if (!m.matches()) throw new AssertionError("Server-Timing not in the expected format: " + value);
        return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))};
    }

    @Test
    void formatsMillisecondsWithMicrosecondPrecision() {
        assertEquals("model;dur=0.184, total;dur=0.231", ServerTiming.value(184_000, 231_000));
        assertEquals("model;dur=0.000, total;dur=12.005", ServerTiming.value(0, 12_004_600));
        assertEquals("model;dur=1.000, total;dur=1234.567", ServerTiming.value(999_500, 1_234_567_000L));
        assertEquals("model;dur=0.007, total;dur=0.070", ServerTiming.value(7_000, 70_000));
        assertArrayEquals(new double[] {0.184, 0.231}, parse(ServerTiming.value(184_000, 231_000)));
    }
}
