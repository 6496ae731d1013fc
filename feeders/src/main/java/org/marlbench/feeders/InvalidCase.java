package org.marlbench.feeders;

import java.util.Arrays;
import java.util.Objects;

/**
 * One request the server must refuse: its body bytes, the Content-Type to send (null = send no
 * Content-Type header), and the status and SPEC error code expected back.
 */
public record InvalidCase(String name, String contentType, byte[] body, int expectedStatus, String expectedError) {
    public InvalidCase {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(expectedError, "expectedError");
    }

    // records compare arrays by reference; a case is its content
    @Override
    public boolean equals(Object o) {
        return o instanceof InvalidCase other && name.equals(other.name) && Objects.equals(contentType, other.contentType)
                && Arrays.equals(body, other.body) && expectedStatus == other.expectedStatus
                && expectedError.equals(other.expectedError);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, contentType, Arrays.hashCode(body), expectedStatus, expectedError);
    }

    @Override
    public String toString() {
        return "InvalidCase[" + name + ", contentType=" + contentType + ", body=" + body.length + " bytes, expect "
                + expectedStatus + " " + expectedError + "]";
    }
}
