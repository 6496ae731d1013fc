package org.marlbench.server.component;

/**
 * PyTorch's exceptions carry the TorchScript interpreter's traceback; a start-up error needs only
 * the line that says what went wrong (e.g. "RuntimeError: mat1 and mat2 shapes cannot be multiplied").
 */
final class EngineMessages {
    static final int MAX_CHARS = 300;

    private EngineMessages() {
    }

    static String essence(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String best = null;
        for (String line : message.split("\n")) {
            String t = line.strip();
            if (t.isEmpty()) continue;
            if (best == null) best = t;
            if (t.matches("^[A-Za-z]*Error: .*")) best = t; // the last "XxxError: ..." line is the cause
        }
        if (best == null) best = message.strip();
        // libtorch appends "Exception raised from ... (most recent call first):" frames to c10 errors
        int frames = best.indexOf("Exception raised from");
        if (frames > 0) best = best.substring(0, frames).strip();
        return best.length() > MAX_CHARS ? best.substring(0, MAX_CHARS) + "..." : best;
    }
}
