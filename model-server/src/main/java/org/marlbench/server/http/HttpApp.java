package org.marlbench.server.http;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.marlbench.server.component.MatrixShape;
import org.marlbench.server.sidecar.ResourceSampler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side: Javalin's routes and JSON error mapping (404/405/500 in the one error shape), on a
 * Jetty pool of server.threads, no banner, no compression (small bodies, measured latency). One
 * connector with exactly one acceptor and one selector thread (so HttpSettings can check that
 * server.maxInFlight leaves threads for /health and the sidecar).
 *
 * <p>Before Javalin, Jetty-level handlers, outermost first: {@link RequestTiming} (only with
 * server.metrics=true, for GET /metrics), {@link DrainGate} (counts requests,
 * answers 503 shutting_down once draining), {@link BearerAuth} (only with server.authToken), and
 * {@link DecisionBodyBuffer} (a decision's whole body is read, without a thread, before it goes on).
 */
public final class HttpApp {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApp.class);
    /**
     * Javalin copies every result through a new buffer of this size; unset, it takes Jetty's
     * 32 KiB output buffer size, which was half of all the server allocated per decision (an
     * 800-byte answer) and doubled its young collections under load. 4 KiB holds any decision
     * or error answer in one pass; larger ones (the sidecar series) are copied in several.
     */
    static final int RESPONSE_COPY_BUFFER_BYTES = 4096;
    /** After the drain, how long Jetty may take to stop its threads (they have nothing left to do). */
    static final long POOL_STOP_MS = 1_000;
    static final String ROUTES = "POST " + DecisionHandler.PATH + ", GET " + HealthHandler.PATH
            + ", GET " + SidecarHandlers.RESOURCES + ", GET " + SidecarHandlers.SERIES + ", GET " + ServerMetrics.PATH
            + " (with server.metrics=true)";

    /**
     * What a graceful stop did: requests in flight when it began, still running when the drain ended,
     * answered 503 meanwhile, and connections still open when Jetty stopped (cut).
     */
    public record Drain(int inFlightAtStart, int stillRunning, long waitedMs, long refusedWhileDraining,
                        int connectionsCut) {
    }

    private final Javalin javalin;
    private final DrainGate gate;
    private final SidecarHandlers sidecar;
    private final ServerConnector[] connector = new ServerConnector[1];

    private HttpApp(HttpSettings settings, MatrixShape shape, ModelHolder model, DecisionMetrics metrics,
                    ResourceSampler sampler) {
        DecisionHandler decision = new DecisionHandler(settings, shape, model, metrics);
        HealthHandler health = new HealthHandler(model);
        this.sidecar = new SidecarHandlers(sampler, settings);
        this.gate = new DrainGate(settings.retryAfterSeconds());
        ServerMetrics prometheus = settings.metricsEnabled() ? new ServerMetrics(metrics, model, sampler) : null;
        int retryAfter = settings.retryAfterSeconds();
        this.javalin = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.http.prefer405over404 = true;
            cfg.http.maxRequestSize = settings.maxBodyBytes();
            cfg.http.compressionStrategy = CompressionStrategy.NONE;
            cfg.http.responseBufferSize = RESPONSE_COPY_BUFFER_BYTES;
            QueuedThreadPool pool = new QueuedThreadPool(settings.threads(), Math.min(settings.threads(), 8));
            pool.setName("http");
            pool.setStopTimeout(POOL_STOP_MS);
            cfg.jetty.threadPool = pool;
            cfg.jetty.addConnector((server, httpConfig) -> {
                ServerConnector c = new ServerConnector(server, 1, 1, new HttpConnectionFactory(httpConfig));
                c.setHost(settings.host());
                c.setPort(settings.port());
                c.setIdleTimeout(settings.idleTimeoutMs());
                connector[0] = c;
                return c;
            });
            cfg.jetty.modifyServer(server -> {
                server.setErrorHandler(new JettyJsonErrors());
                server.setHandler(jettyHandlers(settings, gate, prometheus, metrics)); // Javalin nests its servlet context inside
                server.setStopTimeout(0); // the drain has already waited (drainAndStop)
            });

            cfg.routes.post(DecisionHandler.PATH, decision);
            // Every answer on the decision route, errors and 404/405 included, gets Server-Timing here.
            cfg.routes.after(DecisionHandler.PATH, ServerTiming::stamp);
            cfg.routes.get(HealthHandler.PATH, health);
            cfg.routes.get(SidecarHandlers.RESOURCES, sidecar::latest);
            cfg.routes.get(SidecarHandlers.SERIES, sidecar::series);
            if (prometheus != null) cfg.routes.get(ServerMetrics.PATH, prometheus::scrape);

            cfg.routes.exception(ApiError.class, (e, ctx) -> Responses.error(ctx, e, retryAfter));
            cfg.routes.exception(HttpResponseException.class, (e, ctx) -> httpError(ctx, e));
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
                Responses.json(ctx, 500, ErrorJson.body("internal", "internal error; see the server log"));
            });
        });
    }

    /** @param shape the matrix shape decision requests must have (the component's) */
    public static HttpApp create(HttpSettings settings, MatrixShape shape, ModelHolder model, DecisionMetrics metrics,
                                 ResourceSampler sampler) {
        return new HttpApp(settings, shape, model, metrics, sampler);
    }

    /**
     * RequestTiming when server.metrics=true, DrainGate, then BearerAuth when a token is set, then
     * DecisionBodyBuffer (Javalin goes inside it).
     */
    private static Handler.Wrapper jettyHandlers(HttpSettings settings, DrainGate gate, ServerMetrics prometheus,
                                                 DecisionMetrics metrics) {
        Handler.Wrapper outer = gate;
        if (prometheus != null) {
            outer = new RequestTiming(prometheus);
            outer.setHandler(gate);
        }
        Handler.Wrapper inner = gate;
        if (settings.authToken().isSet()) {
            BearerAuth auth = new BearerAuth(settings.authToken());
            inner.setHandler(auth);
            inner = auth;
        }
        inner.setHandler(new DecisionBodyBuffer(settings.maxBodyBytes(), settings.bodyTimeoutMs(), metrics));
        return outer;
    }

    /** Binds and starts; throws if the address cannot be bound. */
    public void start() {
        javalin.start();
    }

    public int port() {
        return connector[0].getLocalPort();
    }

    /** The address the listening socket is bound to (e.g. 0.0.0.0:8080 for a wildcard bind). */
    public InetSocketAddress boundAddress() {
        try {
            return (InetSocketAddress) ((ServerSocketChannel) connector[0].getTransport()).getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Graceful stop: new requests are answered 503 shutting_down (with Connection: close) and the
     * listening socket is closed at once; requests in flight get up to drainTimeoutMs to finish, and
     * what is left of it lets the open connections end cleanly (a client that sends again gets the 503
     * and closes; an idle one is closed by Jetty after its shutdown idle timeout), so that stopping
     * Jetty cuts nothing that could still be answered. Then Jetty stops (cutting whatever still runs)
     * and the series writer is shut down. Never throws for a failed Jetty stop (logged).
     */
    public Drain drainAndStop(long drainTimeoutMs) {
        long t0 = System.nanoTime();
        long deadline = t0 + drainTimeoutMs * 1_000_000L;
        int atStart = gate.inFlight();
        gate.beginDrain();
        connector[0].close(); // stop accepting; open connections stay, so what arrives on them gets the 503
        int left = gate.awaitDrained(drainTimeoutMs);
        // Only now mark the connector shut down: Jetty then closes a connection after its current
        // exchange, and that must not be a 200 whose client is already sending the next request.
        CompletableFuture<Void> connectionsClosed = connector[0].shutdown();
        try {
            connectionsClosed.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // some connections still open: cut below, counted in the log
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.debug("connector shutdown failed", e);
        }
        int cut = connector[0].getConnectedEndPoints().size();
        long waitedMs = (System.nanoTime() - t0) / 1_000_000;
        try {
            javalin.stop();
        } catch (RuntimeException e) {
            LOG.warn("stopping Jetty failed: {}", e.toString());
        } finally {
            sidecar.close();
        }
        return new Drain(atStart, left, waitedMs, gate.refused(), cut);
    }

    /** Javalin's own 404/405 (and the like) in our error shape. */
    private static void httpError(Context ctx, HttpResponseException e) {
        int status = e.getStatus();
        String code;
        String message;
        if (status == 404) {
            code = "not_found";
            message = "no route " + ctx.method() + " " + ctx.path() + "; routes: " + ROUTES;
        } else if (status == 405) {
            code = "method_not_allowed";
            message = ctx.method() + " is not allowed on " + ctx.path() + "; routes: " + ROUTES;
        } else {
            code = "http_" + status;
            message = PlainText.orElse(e.getMessage(), HttpStatus.getMessage(status));
        }
        Responses.json(ctx, status, ErrorJson.body(code, message));
    }
}
