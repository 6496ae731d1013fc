package org.marlbench.server;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.marlbench.server.component.ComponentSettings;
import org.marlbench.server.component.MatrixShape;
import org.marlbench.server.component.ModelInfo;
import org.marlbench.server.component.StrategicComponent;
import org.marlbench.server.http.BoundAddresses;
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
    private final HttpApp http;
    private final BoundAddresses addresses;
    private Thread loader;
    private boolean stopped; // guarded by this: a component that finishes loading after stop() is closed at once

    private ModelServer(HttpSettings settings, ModelHolder model, ResourceSampler sampler, HttpApp http) {
        this.settings = settings;
        this.model = model;
        this.sampler = sampler;
        this.http = http;
        this.addresses = BoundAddresses.of(http.boundAddress());
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
        HttpSettings httpSettings = HttpSettings.from(settings);
        warnTestAids(httpSettings);
        MatrixShape shape = ComponentSettings.from(settings).shape(); // requests are checked against the component's shape
        ModelHolder model = new ModelHolder();
        DecisionMetrics metrics = new DecisionMetrics(httpSettings.maxInFlight(), model);
        ResourceSampler sampler = new ResourceSampler(httpSettings.sidecarIntervalMs(),
                httpSettings.sidecarRetentionMinutes(), metrics);
        sampler.start();
        HttpApp http = HttpApp.create(httpSettings, shape, model, metrics, sampler);
        try {
            http.start();
        } catch (RuntimeException e) {
            sampler.close();
            throw e;
        }
        ModelServer server = new ModelServer(httpSettings, model, sampler, http);
        server.reportAddresses();
        server.loader = new Thread(() -> server.load(loader, onLoadFailure), "model-loader");
        server.loader.setDaemon(true);
        server.loader.start();
        return server;
    }

    /** The HTTP test aids, loudly (the component warns about its own, testaid.leak*, when it is built). */
    private static void warnTestAids(HttpSettings s) {
        if (s.maxDecisionsPerSecond() > 0) {
            LOG.warn("TEST AID ON: testaid.maxDecisionsPerSecond={}: decisions are capped at {}/s (those over the rate "
                    + "wait for their turn); measured latencies and throughput are NOT this server's", s.maxDecisionsPerSecond(),
                    s.maxDecisionsPerSecond());
        }
        if (s.faultDelayMicros() > 0) {
            LOG.warn("TEST AID ON: server.fault.delayMicros={}: every decision answer is held {} us after the model ran",
                    s.faultDelayMicros(), s.faultDelayMicros());
        }
    }

    /** Every address it answers on; a loud warning when that is more than loopback. */
    private void reportAddresses() {
        if (addresses.loopbackOnly()) {
            LOG.info("answering on {} (loopback only)", addresses.urls());
            return;
        }
        LOG.warn("server.host={} is not a loopback address: this server answers anyone who can reach the addresses "
                + "below, over plain HTTP{}", settings.host(), settings.authToken().isSet()
                ? " (a bearer token is required on every route)"
                : " and WITHOUT authentication: set server.authToken, or bind 127.0.0.1");
        for (String url : addresses.urls()) LOG.warn("answering on {}", url);
    }

    private void load(Supplier<StrategicComponent> loader, Consumer<RuntimeException> onLoadFailure) {
        long t0 = System.nanoTime();
        try {
            StrategicComponent c = loader.get();
            boolean closeNow;
            synchronized (this) {
                closeNow = stopped;
                if (!closeNow) model.loaded(c);
            }
            if (closeNow) {
                c.close();
                LOG.info("model loaded after the server stopped; closed it");
                return;
            }
            ModelInfo m = c.model();
            LOG.info("model loaded in {} ms: {} {}, source {}, {} parameters, seed {}, agents {}, gating {}{}",
                    (System.nanoTime() - t0) / 1_000_000, c.engineName(), c.engineVersion(), m.source().key(),
                    m.parameters(), m.seed(), m.agentsRunAs(), m.gatingRunsAs(),
                    m.files().stream().map(f -> ", " + f.name() + " sha256 " + f.sha256()).reduce("", String::concat));
        } catch (RuntimeException | Error e) {
            model.failed(e);
            LOG.error("model failed to load after {} ms; /health stays DOWN", (System.nanoTime() - t0) / 1_000_000, e);
            onLoadFailure.accept(e instanceof RuntimeException re ? re : new IllegalStateException(e.toString(), e));
        }
    }

    /** A bad model file or value (IllegalArgumentException) says what is wrong in its message; anything else by its type too. */
    static String reason(Throwable e) {
        return e instanceof IllegalArgumentException && e.getMessage() != null ? e.getMessage() : e.toString();
    }

    /** The port it is bound to (still known after stop(), when the connector no longer says it). */
    public int port() {
        return addresses.bound().getPort();
    }

    /**
     * A URL that reaches the server, e.g. http://127.0.0.1:8080; for a wildcard bind a real
     * interface address, never 0.0.0.0.
     */
    public String url() {
        return addresses.url();
    }

    /** Where it answers (every interface address for a wildcard bind). */
    public BoundAddresses addresses() {
        return addresses;
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
     * Graceful stop, once (later calls return at once): stop accepting, answer new requests 503
     * shutting_down, give the requests in flight up to server.drainTimeoutMs, stop Jetty; then,
     * whatever happened before, close the sampler and the component (whose close() waits for a
     * decision still running before it frees native memory). One log line says how it went.
     */
    public void stop() {
        synchronized (this) {
            if (stopped) return;
            stopped = true;
        }
        HttpApp.Drain drain = null;
        try {
            drain = http.drainAndStop(settings.drainTimeoutMs());
        } catch (RuntimeException e) {
            LOG.warn("stopping HTTP failed: {}", e.toString());
        } finally {
            sampler.close();
            boolean componentClosed = closeComponent();
            logStop(drain, componentClosed);
        }
    }

    private boolean closeComponent() {
        StrategicComponent c = model.component();
        if (c == null) return false;
        try {
            c.close();
        } catch (RuntimeException e) {
            LOG.warn("closing the component failed: {}", e.toString());
        }
        return true;
    }

    private void logStop(HttpApp.Drain drain, boolean componentClosed) {
        String closed = (componentClosed ? "engine and sampler closed" : "sampler closed (no model was loaded)");
        if (drain == null) {
            LOG.warn("stopped after an HTTP stop failure; {}", closed);
        } else if (drain.stillRunning() == 0) {
            LOG.info("stopped: {} request(s) in flight finished, {} refused with 503 shutting_down, {} idle connection(s)"
                            + " closed at the end, in {} ms; {}", drain.inFlightAtStart(), drain.refusedWhileDraining(),
                    drain.connectionsCut(), drain.waitedMs(), closed);
        } else {
            LOG.warn("stopped: drain timed out after {} ms (server.drainTimeoutMs) with {} request(s) still running, "
                            + "which were cut; {} refused with 503 shutting_down; {}",
                    drain.waitedMs(), drain.stillRunning(), drain.refusedWhileDraining(), closed);
        }
    }

    /** True once the sampler has been closed (after stop()). */
    public boolean samplerClosed() {
        return sampler.isClosed();
    }

    @Override
    public void close() {
        stop();
    }
}
