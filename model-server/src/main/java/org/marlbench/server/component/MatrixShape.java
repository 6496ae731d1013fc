package org.marlbench.server.component;

import org.marlbench.server.Settings;

/**
 * The market matrix of every request: rows x columns, row-major (SPEC: 48 x 13). Read once from
 * model.rows / model.columns and handed to both the component and the HTTP request parser, so the
 * shape a request is checked against is the shape the networks were built for.
 */
public record MatrixShape(int rows, int columns) {
    /** The SPEC's shape and the defaults of model.rows / model.columns. */
    public static final MatrixShape SPEC = new MatrixShape(48, 13);
    /** The shared context and the regime label read columns 0..12 by their SPEC meaning. */
    static final int MIN_COLUMNS = 13;

    public MatrixShape {
        if (rows < 2 || columns < MIN_COLUMNS) {
            throw new IllegalArgumentException("a matrix needs at least 2 rows and " + MIN_COLUMNS + " columns, got "
                    + rows + "x" + columns);
        }
    }

    /** @throws IllegalArgumentException naming the key of a bad value */
    public static MatrixShape from(Settings s) {
        return new MatrixShape(s.intInRange("model.rows", 2, 4096), s.intInRange("model.columns", MIN_COLUMNS, 256));
    }

    /** Values in one matrix: rows x columns. */
    public int cells() {
        return rows * columns;
    }

    /** e.g. "48x13", the form error messages use. */
    @Override
    public String toString() {
        return rows + "x" + columns;
    }
}
