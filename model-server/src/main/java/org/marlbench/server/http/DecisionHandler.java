package org.marlbench.server.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import org.marlbench.server.component.Decision;
import org.marlbench.server.component.MatrixShape;
import org.marlbench.server.component.StrategicComponent;

/**
 * POST /v1/strategic/decision. Checks cheapest first (media type, declared size, in-flight
 * limit), then reads and validates the body, runs the component, writes the response. By the time
 * it runs, {@link DecisionBodyBuffer} has the whole body in memory (a slow sender never reaches the
 * in-flight limit), so the limit counts decisions being computed and written. Errors are
 * thrown as {@link ApiError} and answered in the one error shape by HttpApp's exception mapping;
 * Server-Timing is added by the route's after-handler ({@link ServerTiming}), from the component's
 * compute time this handler leaves in a request attribute.
 */
final class DecisionHandler implements Handler {
    static final String PATH = "/v1/strategic/decision";

    /** The decision route, with or without a trailing slash (Javalin ignores trailing slashes). */
    static boolean isDecisionPath(String path) {
        return path != null && path.startsWith(PATH) && (path.length() == PATH.length()
                || (path.length() == PATH.length() + 1 && path.charAt(PATH.length()) == '/'));
    }

    private final HttpSettings settings;
    private final ModelHolder model;
    private final DecisionMetrics metrics;
    private final DecisionRequestParser parser;
    /** TEST AID testaid.maxDecisionsPerSecond; null when off. */
    private final DecisionRateLimit rateLimit;

    DecisionHandler(HttpSettings settings, MatrixShape shape, ModelHolder model, DecisionMetrics metrics) {
        this.settings = settings;
        this.model = model;
        this.metrics = metrics;
        this.parser = new DecisionRequestParser(shape);
        this.rateLimit = settings.maxDecisionsPerSecond() > 0
                ? new DecisionRateLimit(settings.maxDecisionsPerSecond(), System::nanoTime) : null;
    }

    @Override
    public void handle(Context ctx) {
        metrics.request();
        try {
            decide(ctx);
        } catch (RuntimeException e) {
            metrics.error();
            throw e; // answered by HttpApp's exception mapping
        }
    }

    private void decide(Context ctx) {
        HttpServletRequest req = ctx.req();
        checkMediaType(req.getContentType());
        long declared = req.getContentLengthLong();
        BodyReader.checkDeclared(declared, settings.maxBodyBytes());
        if (!metrics.tryEnter()) {
            throw new ApiError(503, "overloaded", settings.maxInFlight()
                    + " decision requests already in flight; retry after " + settings.retryAfterSeconds() + " s");
        }
        try {
            BodyReader.Body body = BodyReader.read(inputStream(req), declared, settings.maxBodyBytes());
            DecisionRequest request = parser.parse(body.bytes(), body.length());
            StrategicComponent component = model.require(); // bad input is 400 whether loaded or not
            if (rateLimit != null) rateLimit.acquire(); // TEST AID: waits for its turn, in its in-flight slot
            Decision decision = component.decide(request.matrix());
            ctx.attribute(ServerTiming.MODEL_NANOS, decision.computeNanos());
            faultDelay(settings.faultDelayMicros());
            byte[] json = DecisionJson.write(decision, request.correlationId(), System.currentTimeMillis());
            Responses.json(ctx, 200, json);
        } finally {
            metrics.exit();
        }
    }

    /** application/json, with an optional charset that must be UTF-8 (SPEC: all JSON, UTF-8). */
    static void checkMediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            throw unsupported("missing Content-Type; send Content-Type: application/json");
        }
        String[] parts = contentType.split(";");
        if (!parts[0].trim().equalsIgnoreCase("application/json")) {
            throw unsupported("Content-Type '" + contentType.trim() + "' is not supported; send application/json");
        }
        for (int i = 1; i < parts.length; i++) {
            String param = parts[i].trim();
            int eq = param.indexOf('=');
            if (eq < 0) continue;
            String name = param.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = param.substring(eq + 1).trim().replace("\"", "");
            if (name.equals("charset") && !value.equalsIgnoreCase("utf-8")) {
                throw unsupported("charset '" + value + "' is not supported; send UTF-8 JSON");
            }
        }
    }

    private static ApiError unsupported(String message) {
        return new ApiError(415, "unsupported_media_type", message);
    }

    private static java.io.InputStream inputStream(HttpServletRequest req) {
        try {
            return req.getInputStream();
        } catch (IOException e) {
            throw ApiError.badRequest("malformed_json", "the request body could not be read");
        }
    }

    /** TEST AID (server.fault.delayMicros): hold the response after the model ran; a stopping server's interrupt ends it. */
    private static void faultDelay(long micros) {
        if (micros <= 0) return;
        long until = System.nanoTime() + micros * 1000;
        long left;
        // Sleep most of it (parkNanos may wake early: loop), spin the last 0.2 ms for precision.
        while ((left = until - System.nanoTime()) > 200_000) {
            LockSupport.parkNanos(left - 200_000);
            if (Thread.currentThread().isInterrupted()) return;
        }
        while (System.nanoTime() < until) Thread.onSpinWait();
    }
}
