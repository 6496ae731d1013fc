package org.marlbench.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a request body under a size limit: a declared Content-Length over the limit is refused
 * before reading, and a body without one (chunked) is refused as soon as it passes the limit.
 */
final class BodyReader {
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

    static Body read(InputStream in, long declaredLength, long maxBytes) {
        try {
            if (declaredLength >= 0) {
                byte[] bytes = in.readNBytes((int) declaredLength);
                return new Body(bytes, bytes.length);
            }
            byte[] buf = new byte[8192];
            int n = 0;
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
            return new Body(buf, n);
        } catch (IOException e) {
            throw ApiError.badRequest("malformed_json", "the request body could not be read completely: " + e.getMessage());
        }
    }

    private static ApiError tooLarge(String message) {
        return new ApiError(413, "too_large", message);
    }
}
