package org.marlbench.server.component;

/** Column statistics of a row-major matrix, in double precision. */
final class MatrixStats {
    private MatrixStats() {
    }

    /** Mean of column {@code col} over rows [fromRow, toRow). */
    static double mean(float[] m, int rows, int cols, int col, int fromRow, int toRow) {
        double sum = 0;
        for (int r = fromRow; r < toRow; r++) sum += m[r * cols + col];
        return sum / (toRow - fromRow);
    }

    /** Population standard deviation (divide by n) of column {@code col} over all rows. */
    static double std(float[] m, int rows, int cols, int col) {
        double mean = mean(m, rows, cols, col, 0, rows);
        double ss = 0;
        for (int r = 0; r < rows; r++) {
            double d = m[r * cols + col] - mean;
            ss += d * d;
        }
        return Math.sqrt(ss / rows);
    }
}
