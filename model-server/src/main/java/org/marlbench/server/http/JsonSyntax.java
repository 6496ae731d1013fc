package org.marlbench.server.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What is wrong with a body the JSON parser refused, in plain words with the line and column.
 * Jackson's own messages name its classes, feature flags and getters ("enable
 * JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS", "StreamReadConstraints.getMaxNestingDepth()"),
 * so they are never passed on: the exception type and the first words of its message only pick
 * one of the sentences below. A message this table does not know still gets a plain answer.
 */
final class JsonSyntax {
    private static final Pattern CHAR_CODE = Pattern.compile("\\(code (\\d+)\\)");
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

    private JsonSyntax() {
    }

    /**
     * e.g. "request body is not valid JSON: a number starts with '+', which JSON does not allow (line 1, column 13)".
     *
     * @param parserAt where the parser stood, for exceptions that carry no location (the size limits)
     */
    static String message(JsonProcessingException e, JsonLocation parserAt) {
        return "request body is not valid JSON: " + reason(e) + where(e.getLocation() != null ? e.getLocation() : parserAt);
    }

    static String reason(JsonProcessingException e) {
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof StreamConstraintsException) return limit(m);
        if (e instanceof JsonEOFException || m.startsWith("Unexpected end-of-input")) {
            return "it ends before the JSON is complete (an object, array or string is not closed)";
        }
        if (m.startsWith("Duplicate field")) {
            Matcher q = QUOTED.matcher(m);
            return q.find() ? "the field \"" + q.group(1) + "\" appears more than once" : "a field appears more than once";
        }
        if (m.startsWith("Invalid UTF-8")) return "it is not valid UTF-8 text";
        if (m.contains("plus sign")) return "a number starts with '+', which JSON does not allow";
        if (m.contains("Leading zeroes")) return "a number starts with a zero followed by digits, which JSON does not allow";
        if (m.contains("in numeric value") || m.startsWith("Invalid numeric value")) return "a number is malformed";
        if (m.startsWith("Illegal unquoted character")) return "a string contains a control character that must be escaped";
        if (m.startsWith("Unrecognized character escape")) return "a string contains an invalid escape sequence";
        if (m.startsWith("Illegal character")) return "a control character stands between values";
        if (m.startsWith("Unrecognized token")) {
            return "a word stands where a value belongs (only numbers, true, false and null may appear unquoted)";
        }
        if (m.startsWith("Unexpected close marker")) return "a closing bracket or brace does not match what is open";
        if (m.startsWith("Unexpected character")) return unexpectedCharacter(m);
        return "it could not be parsed";
    }

    private static String limit(String m) {
        if (m.startsWith("Document nesting depth")) return "it is nested more than 1000 levels deep";
        if (m.startsWith("Number value length")) return "a number is longer than 1000 characters";
        if (m.startsWith("String value length")) return "a text value is too long";
        if (m.startsWith("Name length")) return "a field name is too long";
        return "it is larger or more deeply nested than this server reads";
    }

    private static String unexpectedCharacter(String m) {
        Matcher code = CHAR_CODE.matcher(m);
        String what = code.find() ? describe(Integer.parseInt(code.group(1))) : "a character";
        String where;
        if (m.contains("double-quote to start field name")) where = " where a quoted field name belongs";
        else if (m.contains("comma")) where = " where a comma belongs";
        else if (m.contains("colon")) where = " where a colon belongs";
        else if (m.contains("value")) where = " where a value belongs";
        else where = "";
        return "unexpected " + what + where;
    }

    /** A character as a person would name it: '}' or "character U+0007" (a back-quote by name: it quotes code). */
    static String describe(int c) {
        if (c == '`') return "a back-quote";
        if (c > 0x20 && c < 0x7f) return "'" + (char) c + "'";
        String hex = Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT);
        return "character U+" + "0000".substring(Math.min(4, hex.length())) + hex;
    }

    private static String where(JsonLocation loc) {
        if (loc == null || loc.getLineNr() < 0) return "";
        return " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
    }
}
