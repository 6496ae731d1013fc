package org.marlbench.server.sidecar;

import java.util.ArrayList;
import java.util.List;

/**
 * A bounded, thread-safe ring of samples, each kept with its JSON (written once, when the sample is
 * taken, so answering the series route copies bytes instead of serialising thousands of samples per
 * request). The oldest is dropped when full.
 */
public final class SampleRing {
    private final ResourceSample[] samples;
    private final byte[][] json;
    private int next;
    private int size;

    public SampleRing(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("ring capacity must be >= 1, got " + capacity);
        this.samples = new ResourceSample[capacity];
        this.json = new byte[capacity][];
    }

    public int capacity() {
        return samples.length;
    }

    public synchronized void add(ResourceSample sample, byte[] sampleJson) {
        samples[next] = sample;
        json[next] = sampleJson;
        next = (next + 1) % samples.length;
        if (size < samples.length) size++;
    }

    public synchronized ResourceSample latest() {
        return size == 0 ? null : samples[newest()];
    }

    /** The latest sample's JSON, or null before the first one. */
    public synchronized byte[] latestJson() {
        return size == 0 ? null : json[newest()];
    }

    public synchronized int size() {
        return size;
    }

    /** Samples with timestampMs >= sinceMs, oldest first. */
    public synchronized List<ResourceSample> since(long sinceMs) {
        List<ResourceSample> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            ResourceSample s = samples[at(i)];
            if (s.timestampMs() >= sinceMs) out.add(s);
        }
        return out;
    }

    /**
     * The JSON of at most {@code max} samples with timestampMs >= sinceMs, the oldest first; truncated
     * when more such samples follow (the caller pages on from the last one's timestamp + 1).
     */
    public synchronized SeriesSlice slice(long sinceMs, int max) {
        int first = 0;
        while (first < size && samples[at(first)].timestampMs() < sinceMs) first++;
        int count = Math.min(max, size - first);
        byte[][] out = new byte[count][];
        for (int i = 0; i < count; i++) out[i] = json[at(first + i)];
        long last = count == 0 ? -1 : samples[at(first + count - 1)].timestampMs();
        return new SeriesSlice(out, last, first + count < size);
    }

    private int newest() {
        return (next - 1 + samples.length) % samples.length;
    }

    /** Slot of the i-th oldest sample. */
    private int at(int i) {
        return (next - size + i + samples.length) % samples.length;
    }
}
