package org.marlbench.bench.stats;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Histogram settings shared by every recorder and reader (whole microseconds, 3 significant
 * digits) and the text form they travel in: Base64 of HdrHistogram's compressed encoding.
 */
public final class Histograms {
    public static final int SIGNIFICANT_DIGITS = 3;
    /** Highest trackable value: 1 hour in µs; larger values are clamped to it (negative ones to 0), never dropped. */
    public static final long HIGHEST_MICROS = 3_600_000_000L;

    private Histograms() {
    }

    /** For recording from many load-generator threads at once. */
    public static Histogram newConcurrent() {
        return new ConcurrentHistogram(1, HIGHEST_MICROS, SIGNIFICANT_DIGITS);
    }

    public static Histogram newPlain() {
        return new Histogram(1, HIGHEST_MICROS, SIGNIFICANT_DIGITS);
    }

    public static void record(Histogram h, long micros) {
        h.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, micros)));
    }

    public static String encode(Histogram h) {
        ByteBuffer buf = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int len = h.encodeIntoCompressedByteBuffer(buf);
        byte[] bytes = new byte[len];
        buf.flip();
        buf.get(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** @throws IllegalArgumentException when the text is not such an encoding */
    public static Histogram decode(String base64) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
        } catch (DataFormatException | RuntimeException e) {
            throw new IllegalArgumentException("not an HdrHistogram compressed encoding: " + e.getMessage(), e);
        }
    }
}
