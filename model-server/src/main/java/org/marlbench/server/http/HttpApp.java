package org.marlbench.server.http;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.marlbench.server.component.MatrixShape;
import org.marlbench.server.sidecar.ResourceSampler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Javalin application: routes, JSON error mapping (404/405/500 in the one error shape),
 * a Jetty pool of server.threads, no banner, no compression (small bodies, measured latency).
 * One connector with exactly one acceptor and one selector thread (so HttpSettings can check that
 * server.maxInFlight leaves threads for /health and the sidecar) and an idle timeout of
 * server.idleTimeoutMs, which also bounds how long a stalled request body can hold a thread.
 * A GracefulHandler lets stop() finish the requests in flight (up to {@link #STOP_TIMEOUT_MS}).
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

    private HttpApp() {
    }

    /** @param shape the matrix shape decision requests must have (the component's) */
    public static Javalin create(HttpSettings settings, MatrixShape shape, ModelHolder model, DecisionMetrics metrics,
                                 ResourceSampler sampler) {
        DecisionHandler decision = new DecisionHandler(settings, shape, model, metrics);
        HealthHandler health = new HealthHandler(model);
        SidecarHandlers sidecar = new SidecarHandlers(sampler);
        int retryAfter = settings.retryAfterSeconds();
        return Javalin.create(cfg -> {
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
                ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(httpConfig));
                connector.setHost(settings.host());
                connector.setPort(settings.port());
                connector.setIdleTimeout(settings.idleTimeoutMs());
                return connector;
            });
            cfg.jetty.modifyServer(server -> {
                server.setErrorHandler(new JettyJsonErrors());
                server.setHandler(new GracefulHandler()); // Javalin nests its servlet context inside
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
            message = e.getMessage() == null ? "HTTP " + status : e.getMessage();
        }
        Responses.json(ctx, status, ErrorJson.body(code, message));
    }
}
