package org.marlbench.server.http;

import java.util.regex.Pattern;

/**
 * Guards error messages taken from libraries: a text that names a class, a package, a method, a
 * feature flag or an exception is replaced, so no answer tells a client what the server is built
 * with (and none reads like a stack trace). Our own messages are written in plain words anyway.
 */
final class PlainText {
    /**
     * Tell-tales of library internals: exception names, "Feature"/"Constraints" types, package
     * prefixes, code quoted in back-ticks, a call "name()", UPPER_SNAKE constants (feature flags,
     * token kinds), Json* and StreamRead* types, getters.
     */
    static final Pattern LIBRARY_WORDS = Pattern.compile(
            "Exception|Feature|Constraints|`|\\w\\(\\)|\\b(org|com|java|javax|jakarta|io)\\.[a-z]"
                    + "|\\b[A-Z]{2,}_[A-Z_]+\\b|\\bJson[A-Z]|\\bStream(Read|Write)|\\bget[A-Z]\\w*");

    private PlainText() {
    }

    static boolean isPlain(String text) {
        return text != null && !text.isBlank() && !LIBRARY_WORDS.matcher(text).find();
    }

    /** text when it is plain words, otherwise the fallback. */
    static String orElse(String text, String fallback) {
        return isPlain(text) ? text : fallback;
    }
}
