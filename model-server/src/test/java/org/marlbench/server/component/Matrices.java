package org.marlbench.server.component;

/** Test helpers for building row-major 48x13 matrices column by column. */
final class Matrices {
    static final int ROWS = 48;
    static final int COLS = 13;

    private Matrices() {
    }

    static float[] zeros() {
        return new float[ROWS * COLS];
    }

    interface RowValue {
        double at(int row);
    }

    static float[] setColumn(float[] m, int col, RowValue v) {
        for (int r = 0; r < ROWS; r++) m[r * COLS + col] = (float) v.at(r);
        return m;
    }
}
