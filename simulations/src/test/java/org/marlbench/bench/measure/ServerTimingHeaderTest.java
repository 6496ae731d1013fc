package org.marlbench.bench.measure;

import static org.junit.jupiter.api.Assertions.*;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ServerTimingHeaderTest {

    @Test
    void readsBothMetricsInMicros() {
        String h = "model;dur=0.184, total;dur=0.412";
        assertEquals(OptionalLong.of(184), ServerTimingHeader.durationMicros(h, "model"));
        assertEquals(OptionalLong.of(412), ServerTimingHeader.durationMicros(h, "total"));
    }

    @Test
    void toleratesSpacesCaseDescriptionsAndQuotes() {
        String h = "  Total ; desc=\"whole request\" ; dur = 12.5 ,model;dur=\"3\"";
        assertEquals(OptionalLong.of(12_500), ServerTimingHeader.durationMicros(h, "total"));
        assertEquals(OptionalLong.of(3_000), ServerTimingHeader.durationMicros(h, "model"));
    }

    @Test
    void missingMetricOrDurationIsEmpty() {
        assertTrue(ServerTimingHeader.durationMicros("total;dur=1", "model").isEmpty());
        assertTrue(ServerTimingHeader.durationMicros("model;desc=x", "model").isEmpty());
        assertTrue(ServerTimingHeader.durationMicros(null, "model").isEmpty());
        assertTrue(ServerTimingHeader.durationMicros("", "model").isEmpty());
    }

    @Test
    void garbageIsEmptyNotAnError() {
        assertTrue(ServerTimingHeader.durationMicros("model;dur=abc", "model").isEmpty());
        assertTrue(ServerTimingHeader.durationMicros("model;dur=-1", "model").isEmpty());
        assertTrue(ServerTimingHeader.durationMicros("model;dur=NaN", "model").isEmpty());
        assertTrue(ServerTimingHeader.durationMicros(";;;,,=", "model").isEmpty());
        assertTrue(ServerTimingHeader.durationMicros("modeldur=1", "model").isEmpty());
    }
}
