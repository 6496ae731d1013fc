package org.marlbench.server.http;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * server.authToken, on every route: a request without "Authorization: Bearer <token>" is answered
 * 401 unauthorized before anything else is done for it (its body is not even read). Installed only
 * when a token is configured, so the default set-up pays nothing.
 */
final class BearerAuth extends Handler.Wrapper {
    private static final HttpField CHALLENGE = new HttpField(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"model-server\"");

    private final BearerToken token;

    BearerAuth(BearerToken token) {
        this.token = token;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (token.accepts(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
            return super.handle(request, response, callback);
        }
        CoreAnswers.error(request, response, callback, 401, "unauthorized",
                "this server requires a token: send Authorization: Bearer <token>", true, CHALLENGE);
        return true;
    }
}
