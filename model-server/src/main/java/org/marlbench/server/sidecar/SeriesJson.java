package org.marlbench.server.sidecar;

import java.nio.charset.StandardCharsets;

/**
 * The series answer, {"intervalMs": 250, "samples": [...], "truncated": false}, assembled from the
 * samples' ready-made JSON into one exactly-sized array: a copy, no serialisation per request.
 * When truncated, "nextSince" is the since to ask for the next page.
 */
public final class SeriesJson {
    private SeriesJson() {
    }

    public static byte[] write(long intervalMs, SeriesSlice slice) {
        byte[] head = ("{\"intervalMs\":" + intervalMs + ",\"samples\":[").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = (slice.truncated()
                ? "],\"truncated\":true,\"nextSince\":" + (slice.lastTimestampMs() + 1) + "}"
                : "],\"truncated\":false}").getBytes(StandardCharsets.US_ASCII);
        byte[][] samples = slice.samples();
        int length = head.length + tail.length + Math.max(0, samples.length - 1);
        for (byte[] s : samples) length += s.length;
        byte[] out = new byte[length];
        System.arraycopy(head, 0, out, 0, head.length);
        int pos = head.length;
        for (int i = 0; i < samples.length; i++) {
            if (i > 0) out[pos++] = ',';
            System.arraycopy(samples[i], 0, out, pos, samples[i].length);
            pos += samples[i].length;
        }
        System.arraycopy(tail, 0, out, pos, tail.length);
        return out;
    }
}
