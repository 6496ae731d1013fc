package org.marlbench.server.http;

import io.javalin.http.Context;

/** Writing JSON bodies and error responses, the same way on every route. */
final class Responses {
    static final String JSON = "application/json";

    private Responses() {
    }

    static void json(Context ctx, int status, byte[] body) {
        ctx.status(status);
        ctx.contentType(JSON);
        ctx.result(body);
    }

    static void error(Context ctx, ApiError e, int retryAfterSeconds) {
        if (e.status() == 503) ctx.header("Retry-After", Integer.toString(retryAfterSeconds));
        json(ctx, e.status(), ErrorJson.body(e.code(), e.getMessage()));
    }
}
