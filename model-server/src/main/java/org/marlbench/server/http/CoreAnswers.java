package org.marlbench.server.http;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Error answers written at the Jetty level, where Javalin never sees the request: Jetty's own
 * rejections ({@link JettyJsonErrors}), the slow body (408), a missing or wrong token (401) and
 * shutting down (503). Same JSON shape as every other error, and on the decision route the same
 * Server-Timing (model 0: the component did not run).
 */
final class CoreAnswers {
    private static final HttpField CLOSE = new HttpField(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());

    private CoreAnswers() {
    }

    /**
     * @param closeConnection ask the client to close (Connection: close): the rest of a body may still be
     *                        on its way, or the server is going away
     * @param extra           further headers (Retry-After, WWW-Authenticate), or none
     */
    static void error(Request request, Response response, Callback callback, int status, String code, String message,
                      boolean closeConnection, HttpField... extra) {
        byte[] body = ErrorJson.body(code, message);
        response.setStatus(status);
        HttpFields.Mutable headers = response.getHeaders();
        stampServerTiming(request, headers);
        headers.put(HttpHeader.CONTENT_TYPE, Responses.JSON);
        headers.put(HttpHeader.CONTENT_LENGTH, body.length);
        for (HttpField f : extra) headers.put(f);
        if (closeConnection) headers.put(CLOSE);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** Server-Timing on the decision route, for answers given before the request reached Javalin. */
    static void stampServerTiming(Request request, HttpFields.Mutable headers) {
        if (request != null && request.getHttpURI() != null && DecisionHandler.isDecisionPath(request.getHttpURI().getPath())) {
            headers.put(ServerTiming.HEADER, ServerTiming.header(0, request.getBeginNanoTime()));
        }
    }
}
