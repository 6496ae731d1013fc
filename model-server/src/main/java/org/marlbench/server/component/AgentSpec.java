package org.marlbench.server.component;

import java.util.ArrayList;
import java.util.List;
import org.marlbench.server.Settings;

/** One agent's shape from the settings: its column slice of the matrix and its hidden widths. */
record AgentSpec(String name, int[] columns, int[] hidden, int rows) {
    static final int ACTIONS = 3;

    /** Input width: all rows of the column slice, flattened row by row. */
    int inputWidth() {
        return rows * columns.length;
    }

    /** Layer widths from input to head: e.g. [192, 256, 128, 64, 3]. */
    int[] layerWidths() {
        int[] w = new int[hidden.length + 2];
        w[0] = inputWidth();
        System.arraycopy(hidden, 0, w, 1, hidden.length);
        w[w.length - 1] = ACTIONS;
        return w;
    }

    static List<AgentSpec> fromSettings(Settings s) {
        return fromSettings(s, MatrixShape.from(s));
    }

    static List<AgentSpec> fromSettings(Settings s, MatrixShape shape) {
        int rows = shape.rows();
        int cols = shape.columns();
        List<AgentSpec> specs = new ArrayList<>();
        for (String name : StrategicComponent.AGENTS) {
            int[] columns = s.integers("model.agent." + name + ".columns");
            int[] hidden = s.integers("model.agent." + name + ".hidden");
            if (columns.length == 0) throw new IllegalArgumentException("model.agent." + name + ".columns is empty");
            for (int c : columns) {
                if (c < 0 || c >= cols) {
                    throw new IllegalArgumentException("model.agent." + name + ".columns: column " + c + " outside 0.." + (cols - 1));
                }
            }
            for (int h : hidden) {
                if (h < 1) throw new IllegalArgumentException("model.agent." + name + ".hidden: width " + h + " must be >= 1");
            }
            specs.add(new AgentSpec(name, columns, hidden, rows));
        }
        int depth = specs.get(0).hidden.length;
        for (AgentSpec a : specs) {
            if (a.hidden.length != depth) {
                throw new IllegalArgumentException("all agents need the same number of hidden layers (they run stacked); "
                        + a.name + " has " + a.hidden.length + ", " + specs.get(0).name + " has " + depth);
            }
        }
        return specs;
    }
}
