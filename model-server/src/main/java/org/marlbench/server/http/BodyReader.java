package org.marlbench.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a request body under a size limit: a declared Content-Length over the limit is refused
 * before reading, and a body without one (chunked) is refused as soon as it passes the limit.
 */
final class BodyReader {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BodyReader.class);

    private BodyReader() {
    }

    /** A body: the first {@code length} bytes of {@code bytes}. */
    record Body(byte[] bytes, int length) {
    }

    /** @param declaredLength Content-Length, or -1 if none */
    static void checkDeclared(long declaredLength, long maxBytes) {
        if (declaredLength > maxBytes) {
            throw tooLarge("request body of " + declaredLength + " bytes (Content-Length) is over the limit of " + maxBytes + " bytes");
        }
    }

    /**
     * Reads the whole body, which {@link DecisionBodyBuffer} has already collected in memory (a body that
     * does not arrive within server.bodyTimeoutMs was answered 408 request_timeout before this runs). A
     * body shorter than its Content-Length is a 400 malformed_json with a clean message (Jetty's
     * exception text stays in the log, not the answer).
     */
    static Body read(InputStream in, long declaredLength, long maxBytes) {
        if (declaredLength >= 0) {
            byte[] bytes = new byte[(int) declaredLength];
            int n = 0;
            try {
                while (n < bytes.length) {
                    int r = in.read(bytes, n, bytes.length - n);
                    if (r < 0) break;
                    n += r;
                }
            } catch (IOException e) {
                throw incomplete(n, declaredLength, e);
            }
            if (n < bytes.length) throw incomplete(n, declaredLength, null);
            return new Body(bytes, n);
        }
        byte[] buf = new byte[8192];
        int n = 0;
        try {
            while (true) {
                if (n == buf.length) { // grow up to maxBytes + 1: one byte more proves "too large"
                    buf = Arrays.copyOf(buf, (int) Math.min((long) buf.length * 2, maxBytes + 1));
                }
                int r = in.read(buf, n, buf.length - n);
                if (r < 0) break;
                n += r;
                if (n > maxBytes) {
                    throw tooLarge("request body is over the limit of " + maxBytes + " bytes");
                }
            }
        } catch (IOException e) {
            LOG.debug("chunked request body read failed after {} bytes", n, e);
            throw ApiError.badRequest("malformed_json",
                    "request body ended early or timed out after " + n + " bytes (chunked, no Content-Length)");
        }
        return new Body(buf, n);
    }

    private static ApiError incomplete(int read, long declared, IOException cause) {
        if (cause != null) LOG.debug("request body read failed after {} of {} bytes", read, declared, cause);
        return ApiError.badRequest("malformed_json", "request body ended before Content-Length (" + read + " of "
                + declared + " bytes) or timed out");
    }

    private static ApiError tooLarge(String message) {
        return new ApiError(413, "too_large", message);
    }
}
