package org.marlbench.server;

import java.util.Map;
import org.marlbench.server.component.ComponentSettings;
import org.marlbench.server.http.HttpSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the model server. Prints exactly one line on stdout once bound,
 * {@code MODEL_SERVER_URL=http://127.0.0.1:<port>} (the real address: for a wildcard bind an interface
 * address, never 0.0.0.0), which the simulations parse; logs go to stderr. Exit code 2 = bad
 * configuration (one line on stderr), also when the model cannot be built from it (e.g. a
 * TorchScript file of the wrong shape: the message names the file and the shapes it must have;
 * /health said DOWN with the same reason until then), 1 = could not start. SIGTERM stops it
 * gracefully ({@link ModelServer#stop()}).
 */
public final class ModelServerMain {
    public static final String URL_PREFIX = "MODEL_SERVER_URL=";
    /** Keys whose values are secrets. */
    static final java.util.Set<String> SECRET_KEYS = java.util.Set.of("server.authToken");

    private ModelServerMain() {
    }

    public static void main(String[] args) {
        // Before anything can touch DJL: no usage tracking call from a benchmark server.
        System.setProperty("OPT_OUT_TRACKING", "true");
        Logger log = LoggerFactory.getLogger(ModelServerMain.class);

        Settings settings;
        try {
            settings = Settings.load();
            HttpSettings.from(settings); // validate server.*, sidecar.* and model.* before binding anything
            ComponentSettings.from(settings);
        } catch (IllegalArgumentException e) {
            System.err.println("model-server: configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        for (Map.Entry<String, String> kv : settings.asMap().entrySet()) {
            log.info("config {}={}", kv.getKey(), loggable(kv.getKey(), kv.getValue()));
        }

        ModelServer server;
        try {
            server = ModelServer.start(settings, ModelServerMain::exitOnLoadFailure);
        } catch (RuntimeException e) {
            String reason = e.getMessage();
            Throwable cause = e.getCause();
            if (cause != null && cause.getMessage() != null) reason = reason + ": " + cause.getMessage();
            System.err.println("model-server: cannot start on " + settings.string("server.host") + ":"
                    + settings.string("server.port") + ": " + reason);
            log.debug("start failure", e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("shutting down");
            server.stop();
        }, "shutdown"));
        System.out.println(URL_PREFIX + server.url());
        System.out.flush();
        log.info("listening on {}", server.url());
    }

    /** A secret is never logged: only whether it is set. */
    static String loggable(String key, String value) {
        if (!SECRET_KEYS.contains(key)) return value;
        return value.isEmpty() ? "(empty)" : "(set)";
    }

    /** The model cannot be built: a server that can only answer 503 is no use to anyone. */
    private static void exitOnLoadFailure(RuntimeException e) {
        boolean configuration = e instanceof IllegalArgumentException;
        System.err.println("model-server: " + (configuration ? "configuration error: " : "model failed to load: ")
                + ModelServer.reason(e));
        System.err.flush();
        System.exit(configuration ? 2 : 1);
    }
}
