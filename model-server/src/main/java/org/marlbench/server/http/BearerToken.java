package org.marlbench.server.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The optional bearer token of server.authToken, kept only as its SHA-256: the token itself is never
 * stored, printed or logged (toString says whether one is set, nothing more). A presented token is
 * hashed and compared with MessageDigest.isEqual, in time independent of where the two differ, and
 * hashing first makes the comparison independent of the length too.
 */
public final class BearerToken {
    /** No token configured: every request is let through. */
    public static final BearerToken NONE = new BearerToken(null);
    static final int MIN_LENGTH = 16;
    static final int MAX_LENGTH = 1024;

    private final byte[] sha256;

    private BearerToken(byte[] sha256) {
        this.sha256 = sha256;
    }

    /**
     * @param token empty for none; else 16..1024 printable ASCII characters without spaces
     * @throws IllegalArgumentException naming the key, never the value
     */
    static BearerToken of(String key, String token) {
        if (token.isEmpty()) return NONE;
        if (token.length() < MIN_LENGTH || token.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(key + " must be empty (no authentication) or " + MIN_LENGTH + ".." + MAX_LENGTH
                    + " characters long, got " + token.length() + " characters (the value is not shown)");
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c <= ' ' || c > '~') {
                throw new IllegalArgumentException(key + " must be printable ASCII without spaces"
                        + " (the value is not shown)");
            }
        }
        return new BearerToken(sha256(token));
    }

    public boolean isSet() {
        return sha256 != null;
    }

    /** True if the Authorization header value is "Bearer <the token>" (scheme case-insensitive). */
    boolean accepts(String authorization) {
        if (sha256 == null) return true;
        if (authorization == null || authorization.length() < 7 || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(sha256, sha256(authorization.substring(7).trim()));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return isSet() ? "(set)" : "(none)";
    }
}
