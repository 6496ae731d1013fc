package org.marlbench.bench.resources;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.marlbench.bench.config.BenchmarkConfig;
import org.marlbench.bench.stats.Check;

class ResourceSummaryTest {
    static final long MB = 1024 * 1024;

    /** A sidecar series as the server sends it: rss, process CPU (200 = 2 cores), gc, gpu. */
    static String series(long[] timestamps, long[] rssMb, double[] cpu, long gpuMb) {
        StringBuilder sb = new StringBuilder("{\"intervalMs\":250,\"samples\":[");
        for (int i = 0; i < timestamps.length; i++) {
            if (i > 0) sb.append(',');
            sb.append("{\"timestampMs\":").append(timestamps[i])
                    .append(",\"timestamp\":\"x\",\"process\":{\"rssBytes\":").append(rssMb[i] * MB)
                    .append(",\"cpuPercent\":").append(cpu[i]).append(",\"gcCount\":").append(i * 2)
                    .append(",\"gcTimeMs\":").append(i * 3).append("},\"system\":{\"cores\":2},")
                    .append("\"gpu\":[{\"index\":0,\"memoryUsedBytes\":").append(gpuMb * MB).append("}],")
                    .append("\"inference\":{\"requests\":").append(i * 100).append(",\"errors\":").append(i)
                    .append(",\"fallbacks\":0}}");
        }
        return sb.append("]}").toString();
    }

    @Test
    void windowTakesBaselineInsideAndFirstAfter() throws Exception {
        SidecarSeries s = SidecarSeries.parse(series(new long[] {1000, 1250, 1500, 1750, 2000, 2250},
                new long[] {100, 110, 130, 120, 125, 500}, new double[] {10, 150, 190, 170, 160, 5}, 0));
        List<com.fasterxml.jackson.databind.JsonNode> w = s.window(1100, 1900);
        assertEquals(List.of(1000L, 1250L, 1500L, 1750L, 2000L),
                w.stream().map(n -> n.path("timestampMs").asLong()).toList());
        assertTrue(s.hasSampleAtOrAfter(2250));
        assertFalse(s.hasSampleAtOrAfter(2251));
    }

    @Test
    void summaryAndLimits() throws Exception {
        SidecarSeries s = SidecarSeries.parse(series(new long[] {1000, 1250, 1500, 1750, 2000},
                new long[] {100, 110, 180, 120, 160}, new double[] {10, 150, 190, 170, 170}, 300));
        ResourceSummary r = ResourceSummary.of(s.intervalMs(), s.window(1100, 1900));
        assertEquals(100 * MB, r.rssStartBytes());
        assertEquals(160 * MB, r.rssEndBytes());
        assertEquals(180 * MB, r.rssPeakBytes());
        assertEquals(60 * MB, r.memoryIncreaseBytes());
        assertEquals(80 * MB, r.memoryPeakIncreaseBytes());
        assertEquals((150 + 190 + 170 + 170) / 4.0, r.cpuMeanPercent(), 1e-9, "baseline sample excluded from CPU");
        assertEquals(190, r.cpuPeakPercent());
        assertEquals(85.0, r.cpuMeanPercentOfMachine(), 1e-9);
        assertEquals(300 * MB, r.gpuMemoryPeakBytes());
        assertEquals(8, r.gcCountDelta());
        assertEquals(4, r.serverErrorsDelta());
        assertEquals(5, r.series().size());

        BenchmarkConfig c = new BenchmarkConfig(50, 75, 100, 100, 50, 80, 256, 10, 100, 60, 10, 20);
        List<Check> checks = ResourceLimits.evaluate(c, r);
        assertEquals(3, checks.size());
        assertTrue(checks.stream().allMatch(Check::failsRun));
        assertTrue(checks.stream().noneMatch(Check::passed), checks.toString()); // 60 MB > 50, 85 % > 80, 300 MB > 256

        BenchmarkConfig generous = new BenchmarkConfig(50, 75, 100, 100, 60, 85, 300, 10, 100, 60, 10, 20);
        assertTrue(ResourceLimits.evaluate(generous, r).stream().allMatch(Check::passed), "limits are inclusive");
    }

    @Test
    void malformedSeriesIsAClearError() {
        assertThrows(IllegalStateException.class, () -> SidecarSeries.parse("{\"samples\":[]}"));
        assertThrows(IllegalStateException.class, () -> SidecarSeries.parse("{\"intervalMs\":250,\"samples\":[{}]}"));
        assertThrows(IllegalStateException.class, () -> ResourceSummary.of(250, List.of()));
    }
}
