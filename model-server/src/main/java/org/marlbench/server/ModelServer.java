package org.marlbench.server;

import io.javalin.Javalin;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.marlbench.server.component.ComponentSettings;
import org.marlbench.server.component.MatrixShape;
import org.marlbench.server.component.ModelInfo;
import org.marlbench.server.component.StrategicComponent;
import org.marlbench.server.http.DecisionMetrics;
import org.marlbench.server.http.HttpApp;
import org.marlbench.server.http.HttpSettings;
import org.marlbench.server.http.ModelHolder;
import org.marlbench.server.sidecar.ResourceSampler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running model server: HTTP first (so /health answers DOWN at once), the component loaded in
 * the background, the resource sampler alongside. Used by the main and, in-process, by tests.
 */
public final class ModelServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelServer.class);

    private final HttpSettings settings;
    private final ModelHolder model;
    private final ResourceSampler sampler;
    private final Javalin app;
    private final Thread loader;

    private ModelServer(HttpSettings settings, ModelHolder model, ResourceSampler sampler, Javalin app, Thread loader) {
        this.settings = settings;
        this.model = model;
        this.sampler = sampler;
        this.app = app;
        this.loader = loader;
    }

    /** Starts the server with the real component, built from the same settings (model.* checked before binding). */
    public static ModelServer start(Settings settings) {
        return start(settings, failure -> { });
    }

    /**
     * Same, and tells {@code onLoadFailure} if the component cannot be built (after /health went DOWN with
     * the reason): the main exits then, rather than serve 503s forever.
     */
    public static ModelServer start(Settings settings, Consumer<RuntimeException> onLoadFailure) {
        ComponentSettings component = ComponentSettings.from(settings);
        return start(settings, () -> StrategicComponent.create(component), onLoadFailure);
    }

    /**
     * Starts the server; {@code loader} builds the component in the background (tests pass one
     * that waits, to observe /health DOWN).
     *
     * @throws IllegalArgumentException for a bad server.*, sidecar.* or model.* value
     */
    public static ModelServer start(Settings settings, Supplier<StrategicComponent> loader) {
        return start(settings, loader, failure -> { });
    }

    private static ModelServer start(Settings settings, Supplier<StrategicComponent> loader,
                                     Consumer<RuntimeException> onLoadFailure) {
        HttpSettings http = HttpSettings.from(settings);
        MatrixShape shape = ComponentSettings.from(settings).shape(); // requests are checked against the component's shape
        ModelHolder model = new ModelHolder();
        DecisionMetrics metrics = new DecisionMetrics(http.maxInFlight(), model);
        ResourceSampler sampler = new ResourceSampler(http.sidecarIntervalMs(), http.sidecarRetentionMinutes(), metrics);
        sampler.start();
        Javalin app = HttpApp.create(http, shape, model, metrics, sampler);
        try {
            app.start(http.host(), http.port());
        } catch (RuntimeException e) {
            sampler.close();
            throw e;
        }
        Thread t = new Thread(() -> load(model, loader, onLoadFailure), "model-loader");
        t.setDaemon(true);
        t.start();
        return new ModelServer(http, model, sampler, app, t);
    }

    private static void load(ModelHolder model, Supplier<StrategicComponent> loader, Consumer<RuntimeException> onLoadFailure) {
        long t0 = System.nanoTime();
        try {
            StrategicComponent c = loader.get();
            model.loaded(c);
            ModelInfo m = c.model();
            LOG.info("model loaded in {} ms: {} {}, source {}, {} parameters, seed {}, agents {}, gating {}{}",
                    (System.nanoTime() - t0) / 1_000_000, c.engineName(), c.engineVersion(), m.source().key(),
                    m.parameters(), m.seed(), m.agentsRunAs(), m.gatingRunsAs(),
                    m.files().stream().map(f -> ", " + f.name() + " sha256 " + f.sha256()).reduce("", String::concat));
        } catch (RuntimeException | Error e) {
            model.failed(reason(e));
            LOG.error("model failed to load after {} ms; /health stays DOWN", (System.nanoTime() - t0) / 1_000_000, e);
            onLoadFailure.accept(e instanceof RuntimeException re ? re : new IllegalStateException(e.toString(), e));
        }
    }

    /** A bad model file or value (IllegalArgumentException) says what is wrong in its message; anything else by its type too. */
    static String reason(Throwable e) {
        return e instanceof IllegalArgumentException && e.getMessage() != null ? e.getMessage() : e.toString();
    }

    public int port() {
        return app.port();
    }

    /** e.g. http://127.0.0.1:8080 (a wildcard bind is reported as loopback, which reaches it). */
    public String url() {
        String host = settings.host();
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) host = "127.0.0.1";
        else if (host.contains(":") && !host.startsWith("[")) host = "[" + host + "]";
        return "http://" + host + ":" + port();
    }

    /** True once the component is loaded (health UP). */
    public boolean modelReady() {
        return model.component() != null;
    }

    /** Waits for the loader to finish (loaded or failed); true if the model is ready. */
    public boolean awaitModel(long timeoutMs) throws InterruptedException {
        loader.join(timeoutMs);
        return modelReady();
    }

    /**
     * Stops Jetty gracefully first (no new connections; requests in flight get up to
     * HttpApp.STOP_TIMEOUT_MS to finish), then the sampler, then the component, whose close() also
     * waits for any decision still running before it frees native memory.
     */
    public void stop() {
        app.stop();
        sampler.close();
        StrategicComponent c = model.component();
        if (c != null) {
            try {
                c.close();
            } catch (RuntimeException e) {
                LOG.warn("closing the component failed: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        stop();
    }
}
