package org.marlbench.server.sidecar;

import java.util.ArrayList;
import java.util.List;

/** A bounded, thread-safe ring of samples: the oldest is dropped when full. */
public final class SampleRing {
    private final ResourceSample[] slots;
    private int next;
    private int size;

    public SampleRing(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("ring capacity must be >= 1, got " + capacity);
        this.slots = new ResourceSample[capacity];
    }

    public int capacity() {
        return slots.length;
    }

    public synchronized void add(ResourceSample sample) {
        slots[next] = sample;
        next = (next + 1) % slots.length;
        if (size < slots.length) size++;
    }

    public synchronized ResourceSample latest() {
        return size == 0 ? null : slots[(next - 1 + slots.length) % slots.length];
    }

    public synchronized int size() {
        return size;
    }

    /** Samples with timestampMs >= sinceMs, oldest first. */
    public synchronized List<ResourceSample> since(long sinceMs) {
        List<ResourceSample> out = new ArrayList<>(size);
        int oldest = (next - size + slots.length) % slots.length;
        for (int i = 0; i < size; i++) {
            ResourceSample s = slots[(oldest + i) % slots.length];
            if (s.timestampMs() >= sinceMs) out.add(s);
        }
        return out;
    }
}
