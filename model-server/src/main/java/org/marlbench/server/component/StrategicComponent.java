package org.marlbench.server.component;

import java.nio.file.Path;
import java.util.List;
import org.marlbench.server.Settings;

/**
 * The strategic MARL component: three policy MLPs and a gating network on DJL/PyTorch.
 * Thread-safe: {@link #decide} may be called from many threads at once.
 *
 * CONTRACT ONLY - implementation to come (issue 2). Signatures are what the HTTP layer uses.
 */
public final class StrategicComponent implements AutoCloseable {

    /** Agent names in the order of every per-agent array. */
    public static final List<String> AGENTS = List.of("mlmi", "nwrqk", "regime");

    /** Builds (or loads, per model.parametersFile) the networks from the settings. */
    public static StrategicComponent create(Settings settings) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /**
     * One decision for a 48x13 matrix given row-major ({@code matrix[row * 13 + col]}),
     * all values finite (the caller validates). Never throws for a well-formed matrix:
     * agent failures become fallbacks.
     */
    public Decision decide(float[] matrix) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Number of parameters (weights and biases) of the three agents and the gating network. */
    public long parameterCount() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public long seed() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** e.g. "PyTorch". */
    public String engineName() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** e.g. "2.7.1". */
    public String engineVersion() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Decisions so far in which at least one agent fell back. */
    public long fallbackCount() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public void saveParameters(Path file) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    @Override
    public void close() {
    }
}
