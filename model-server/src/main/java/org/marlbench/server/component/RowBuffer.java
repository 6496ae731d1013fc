package org.marlbench.server.component;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * A direct, 64-byte aligned float32 buffer of up to {@code capacity} rows of {@code width}, handed to
 * the engine without a copy (like StackedForward's input: aligned as PyTorch's own allocations, so
 * every batch hits the same kernels). Not thread-safe: one per engine lane.
 */
final class RowBuffer {
    final int width;
    final int capacity;
    private final ByteBuffer bytes;
    private final FloatBuffer floats;

    RowBuffer(int width, int capacity) {
        if (width < 1 || capacity < 1) throw new IllegalArgumentException("width and capacity must be >= 1");
        this.width = width;
        this.capacity = capacity;
        int size = (width * capacity * Float.BYTES + 63) / 64 * 64; // alignedSlice rounds the end down: round up first
        this.bytes = ByteBuffer.allocateDirect(size + 64).alignedSlice(64).order(ByteOrder.nativeOrder());
        this.floats = bytes.asFloatBuffer();
    }

    /** Row {@code row} := values[from .. from + width). */
    void put(int row, float[] values, int from) {
        floats.put(row * width, values, from, width);
    }

    void put(int row, int column, float value) {
        floats.put(row * width + column, value);
    }

    /** The first {@code rows} rows as a native-order view for the engine. */
    ByteBuffer rows(int rows) {
        if (rows < 1 || rows > capacity) throw new IllegalArgumentException("batch " + rows + " outside 1.." + capacity);
        ByteBuffer view = bytes.duplicate();
        view.position(0).limit(rows * width * Float.BYTES);
        return view.slice().order(ByteOrder.nativeOrder());
    }
}
