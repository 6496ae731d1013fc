package org.marlbench.server.http;

import org.marlbench.server.component.StrategicComponent;

/**
 * The component once loaded, and why it is not yet: HTTP starts first and the model loads in the
 * background, so decisions and /health must cope with "not yet" and "failed".
 */
public final class ModelHolder {
    private volatile StrategicComponent component;
    private volatile String downReason = "model is loading";

    public StrategicComponent component() {
        return component;
    }

    public String downReason() {
        return downReason;
    }

    public void loaded(StrategicComponent c) {
        component = c;
    }

    /** The reason /health and model_not_ready give: the failure's message if it is plain words, else a pointer to the log. */
    public void failed(Throwable failure) {
        String message = failure.getMessage();
        downReason = PlainText.isPlain(message) ? "model failed to load: " + message : "model failed to load; see the server log";
    }

    /** The component, or 503 model_not_ready. */
    StrategicComponent require() {
        StrategicComponent c = component;
        if (c == null) throw new ApiError(503, "model_not_ready", downReason);
        return c;
    }
}
