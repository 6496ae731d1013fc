package org.marlbench.bench.stats;

import static org.junit.jupiter.api.Assertions.*;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ServerTimingTest {

    @Test
    void readsBothMetricsInMicros() {
        String h = "model;dur=0.184, total;dur=0.412";
        assertEquals(OptionalLong.of(184), ServerTiming.durationMicros(h, "model"));
        assertEquals(OptionalLong.of(412), ServerTiming.durationMicros(h, "total"));
    }

    @Test
    void toleratesSpacesCaseDescriptionsAndQuotes() {
        String h = "  Total ; desc=\"whole request\" ; dur = 12.5 ,model;dur=\"3\"";
        assertEquals(OptionalLong.of(12_500), ServerTiming.durationMicros(h, "total"));
        assertEquals(OptionalLong.of(3_000), ServerTiming.durationMicros(h, "model"));
    }

    @Test
    void missingMetricOrDurationIsEmpty() {
        assertTrue(ServerTiming.durationMicros("total;dur=1", "model").isEmpty());
        assertTrue(ServerTiming.durationMicros("model;desc=x", "model").isEmpty());
        assertTrue(ServerTiming.durationMicros(null, "model").isEmpty());
        assertTrue(ServerTiming.durationMicros("", "model").isEmpty());
    }

    @Test
    void garbageIsEmptyNotAnError() {
        assertTrue(ServerTiming.durationMicros("model;dur=abc", "model").isEmpty());
        assertTrue(ServerTiming.durationMicros("model;dur=-1", "model").isEmpty());
        assertTrue(ServerTiming.durationMicros("model;dur=NaN", "model").isEmpty());
        assertTrue(ServerTiming.durationMicros(";;;,,=", "model").isEmpty());
        assertTrue(ServerTiming.durationMicros("modeldur=1", "model").isEmpty());
    }
}
