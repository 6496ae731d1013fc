package org.marlbench.server.http;

/**
 * A request the server refuses, with the status, the machine-readable code and a message for a
 * person. Thrown at the edge by validation; it carries no stack trace (none is ever shown, and
 * filling one costs microseconds on a path measured in microseconds).
 */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String code;

    public ApiError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public static ApiError badRequest(String code, String message) {
        return new ApiError(400, code, message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
