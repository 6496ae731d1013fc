package org.marlbench.server.http;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself, before Javalin sees the request (a garbled request line, bad
 * headers), in the server's one JSON error shape instead of Jetty's HTML page. When the request
 * line was parsed and names the decision route, the answer carries Server-Timing (model 0).
 * badMessageError has no request, so answers built there cannot (Jetty uses it only when it
 * could not even build one).
 */
final class JettyJsonErrors extends ErrorHandler {

    static byte[] body(int status, String message) {
        String reason = message == null || message.isBlank() ? HttpStatus.getMessage(status) : message;
        String code = status == 400 ? "bad_request" : "http_" + status;
        return ErrorJson.body(code, "the HTTP request could not be processed: " + reason);
    }

    @Override
    protected void generateResponse(Request request, Response response, int status, String message,
                                    Throwable cause, Callback callback) {
        byte[] body = body(status, message);
        if (request != null && request.getHttpURI() != null && DecisionHandler.isDecisionPath(request.getHttpURI().getPath())) {
            // e.g. a negative Content-Length or 431 on the decision route: Server-Timing like every answer there
            response.getHeaders().put(ServerTiming.HEADER, ServerTiming.header(0, request.getBeginNanoTime()));
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Responses.JSON);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, Responses.JSON);
        return ByteBuffer.wrap(body(status, reason));
    }
}
