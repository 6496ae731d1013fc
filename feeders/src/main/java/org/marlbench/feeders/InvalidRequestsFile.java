package org.marlbench.feeders;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The human-readable listing of {@link InvalidRequests#cases()}: one JSON line per case with
 * its body as a JSON string, or, for bodies over 64 KiB, a description instead of the body.
 * Every line carries the body's size and SHA-256, so the listing pins the exact bytes.
 */
final class InvalidRequestsFile {
    static final int INLINE_LIMIT_BYTES = 64 * 1024;

    private InvalidRequestsFile() {
    }

    static String render(List<InvalidCase> cases) {
        StringBuilder sb = new StringBuilder();
        for (InvalidCase c : cases) {
            sb.append(MarketJson.write(gen -> {
                gen.writeStartObject();
                gen.writeStringField("name", c.name());
                gen.writeStringField("contentType", c.contentType());
                gen.writeNumberField("expectedStatus", c.expectedStatus());
                gen.writeStringField("expectedError", c.expectedError());
                gen.writeNumberField("bodyBytes", c.body().length);
                gen.writeStringField("bodySha256", sha256(c.body()));
                if (c.body().length <= INLINE_LIMIT_BYTES) {
                    gen.writeStringField("body", new String(c.body(), StandardCharsets.UTF_8));
                } else {
                    gen.writeNullField("body");
                    gen.writeStringField("bodyDescription", describe(c.body()));
                }
                gen.writeEndObject();
            })).append('\n');
        }
        return sb.toString();
    }

    private static String describe(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return "a valid 48x13 request padded in correlationId to " + body.length + " bytes; starts "
                + text.substring(0, 60) + "... ends ..." + text.substring(text.length() - 40);
    }

    static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
