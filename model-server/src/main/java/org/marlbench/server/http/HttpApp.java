package org.marlbench.server.http;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
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
 * <p>Before Javalin, Jetty-level handlers, outermost first: a GracefulHandler (stop() lets the
 * requests in flight finish, up to {@link #STOP_TIMEOUT_MS}), {@link BearerAuth} (only with
 * server.authToken), and {@link DecisionBodyBuffer} (a decision's whole body is read, without a
 * thread, before it goes on).
 */
public final class HttpApp {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApp.class);
    /** How long stop() lets requests in flight finish. */
    public static final long STOP_TIMEOUT_MS = 5_000;
    /**
     * Javalin copies every result through a new buffer of this size; unset, it takes Jetty's
     * 32 KiB output buffer size, which was half of all the server allocated per decision (an
     * 800-byte answer) and doubled its young collections under load. 4 KiB holds any decision
     * or error answer in one pass; larger ones (the sidecar series) are copied in several.
     */
    static final int RESPONSE_COPY_BUFFER_BYTES = 4096;
    static final String ROUTES = "POST " + DecisionHandler.PATH + ", GET " + HealthHandler.PATH
            + ", GET " + SidecarHandlers.RESOURCES + ", GET " + SidecarHandlers.SERIES;

    private final Javalin javalin;
    private final SidecarHandlers sidecar;
    private final ServerConnector[] connector = new ServerConnector[1];

    private HttpApp(HttpSettings settings, MatrixShape shape, ModelHolder model, DecisionMetrics metrics,
                    ResourceSampler sampler) {
        DecisionHandler decision = new DecisionHandler(settings, shape, model, metrics);
        HealthHandler health = new HealthHandler(model);
        this.sidecar = new SidecarHandlers(sampler, settings);
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
                server.setHandler(jettyHandlers(settings)); // Javalin nests its servlet context inside
                server.setStopTimeout(STOP_TIMEOUT_MS);
            });

            cfg.routes.post(DecisionHandler.PATH, decision);
            // Every answer on the decision route, errors and 404/405 included, gets Server-Timing here.
            cfg.routes.after(DecisionHandler.PATH, ServerTiming::stamp);
            cfg.routes.get(HealthHandler.PATH, health);
            cfg.routes.get(SidecarHandlers.RESOURCES, sidecar::latest);
            cfg.routes.get(SidecarHandlers.SERIES, sidecar::series);

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

    /** GracefulHandler, then BearerAuth when a token is set, then DecisionBodyBuffer (Javalin goes inside it). */
    private static Handler.Wrapper jettyHandlers(HttpSettings settings) {
        Handler.Wrapper outer = new GracefulHandler();
        Handler.Wrapper inner = outer;
        if (settings.authToken().isSet()) {
            BearerAuth auth = new BearerAuth(settings.authToken());
            inner.setHandler(auth);
            inner = auth;
        }
        inner.setHandler(new DecisionBodyBuffer(settings.maxBodyBytes(), settings.bodyTimeoutMs()));
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

    /** Stops Jetty gracefully (requests in flight get up to {@link #STOP_TIMEOUT_MS}) and the series writer. */
    public void stop() {
        try {
            javalin.stop();
        } finally {
            sidecar.close();
        }
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
