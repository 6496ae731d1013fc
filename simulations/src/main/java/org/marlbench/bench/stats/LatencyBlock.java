package org.marlbench.bench.stats;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/** The {@code <latency block>} of stats.json: summary numbers plus the encoded histogram. */
public final class LatencyBlock {
    private LatencyBlock() {
    }

    public static Map<String, Object> of(Histogram h) {
        Map<String, Object> m = new LinkedHashMap<>();
        long n = h.getTotalCount();
        m.put("count", n);
        m.put("minMicros", n == 0 ? 0 : h.getMinValue());
        m.put("p50Micros", h.getValueAtPercentile(50));
        m.put("p75Micros", h.getValueAtPercentile(75));
        m.put("p90Micros", h.getValueAtPercentile(90));
        m.put("p95Micros", h.getValueAtPercentile(95));
        m.put("p99Micros", h.getValueAtPercentile(99));
        m.put("p999Micros", h.getValueAtPercentile(99.9));
        m.put("maxMicros", n == 0 ? 0 : h.getMaxValue());
        m.put("meanMicros", n == 0 ? 0.0 : h.getMean());
        m.put("stdMicros", n == 0 ? 0.0 : h.getStdDeviation());
        m.put("histogram", encode(h));
        m.put("histogramUnit", "micros");
        m.put("significantDigits", LatencyHistograms.SIGNIFICANT_DIGITS);
        return m;
    }

    /** Base64 of HdrHistogram's compressed encoding. */
    public static String encode(Histogram h) {
        ByteBuffer buf = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int len = h.encodeIntoCompressedByteBuffer(buf);
        byte[] bytes = new byte[len];
        buf.flip();
        buf.get(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    public static Histogram decode(String base64) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
        } catch (DataFormatException | RuntimeException e) {
            throw new IllegalArgumentException("not an HdrHistogram compressed encoding: " + e.getMessage(), e);
        }
    }
}
