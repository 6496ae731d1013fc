package org.marlbench.server.http;

import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

/**
 * When a request arrived: Jetty stamps System.nanoTime() when it starts parsing the request,
 * earlier than any Javalin handler can, so "total" in Server-Timing includes Jetty's and
 * Javalin's own work. Falls back to "now" if the request is not a Jetty one.
 */
final class RequestClock {
    private RequestClock() {
    }

    static long beginNanos(HttpServletRequest req) {
        try {
            ServletContextRequest r = ServletContextRequest.getServletContextRequest(req);
            if (r != null) return r.getBeginNanoTime();
        } catch (RuntimeException ignored) {
            // not a Jetty request: fall through
        }
        return System.nanoTime();
    }
}
