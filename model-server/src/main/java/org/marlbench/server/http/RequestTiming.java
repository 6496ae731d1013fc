package org.marlbench.server.http;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The outermost handler when server.metrics=true: times every request from its arrival at the server to
 * its last byte written (or its failure) and hands route, method, status and time to {@link ServerMetrics}.
 * Outermost, so the answers given at the Jetty level (401, 408, 503 shutting_down) are counted too.
 */
final class RequestTiming extends Handler.Wrapper {
    private final ServerMetrics metrics;

    RequestTiming(ServerMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long t0 = System.nanoTime();
        String method = request.getMethod();
        String path = Request.getPathInContext(request);
        return super.handle(request, response, new Callback.Nested(callback) {
            @Override
            public void succeeded() {
                metrics.record(method, path, response.getStatus(), System.nanoTime() - t0);
                super.succeeded();
            }

            @Override
            public void failed(Throwable x) {
                int status = response.getStatus();
                metrics.record(method, path, status >= 400 ? status : 500, System.nanoTime() - t0);
                super.failed(x);
            }
        });
    }
}
