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
 * headers), in the server's one JSON error shape instead of Jetty's HTML page, written by
 * {@link CoreAnswers} (with Server-Timing when the request line named the decision route).
 * badMessageError has no request, so answers built there cannot carry it (Jetty uses it only
 * when it could not even build one). Jetty's reason phrase is passed on only when it is plain
 * words (see {@link PlainText}).
 */
final class JettyJsonErrors extends ErrorHandler {

    static byte[] body(int status, String message) {
        return ErrorJson.body(code(status), message(status, message));
    }

    private static String code(int status) {
        return status == 400 ? "bad_request" : "http_" + status;
    }

    private static String message(int status, String reason) {
        String plain = PlainText.orElse(reason, HttpStatus.getMessage(status));
        return "the HTTP request could not be processed: " + plain;
    }

    @Override
    protected void generateResponse(Request request, Response response, int status, String message,
                                    Throwable cause, Callback callback) {
        CoreAnswers.error(request, response, callback, status, code(status), message(status, message), false);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, Responses.JSON);
        return ByteBuffer.wrap(body(status, reason));
    }
}
