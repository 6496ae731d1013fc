package org.marlbench.feeders;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every 400/413/415 class of SPEC section 2, as concrete requests built from one valid feed
 * body (record 0 of the default seed). Deterministic: the same bytes on every call.
 *
 * Shape vs type: `matrix` that is a JSON array nested wrongly (wrong row count, wrong row
 * length, empty, a flat list of numbers, an empty row) is bad_shape; `matrix` that is not an
 * array at all, a matrix element that is not a number (string, boolean, null), or an optional
 * field of the wrong JSON type is bad_type. NaN/Infinity tokens are non_finite: the server is
 * expected to accept those tokens in its parser so it can name the row and column.
 */
public final class InvalidRequests {
    public static final String JSON = "application/json";
    public static final int MAX_BODY_BYTES = 1_048_576;
    /** The too_large body is exactly one byte over the default 1 MiB limit. */
    public static final int TOO_LARGE_BYTES = MAX_BODY_BYTES + 1;

    private InvalidRequests() {
    }

    public static List<InvalidCase> cases() {
        GeneratedMatrix base = new MarketMatrixGenerator(MarketMatrixGenerator.DEFAULT_SEED).generate(1).get(0);
        String[][] m = tokens(base.matrix());
        String validBody = MarketJson.body(base);
        List<InvalidCase> out = new ArrayList<>();

        out.add(bad400("malformed_json:truncated", validBody.substring(0, validBody.length() / 2), "malformed_json"));
        out.add(bad400("malformed_json:not_json", "this is not json, matrix=48x13", "malformed_json"));
        out.add(bad400("malformed_json:empty_body", "", "malformed_json"));

        out.add(bad400("missing_matrix:no_matrix_key", "{" + extras("missing_matrix:no_matrix_key") + "}", "missing_matrix"));
        out.add(bad400("missing_matrix:matrix_null", "{\"matrix\":null," + extras("missing_matrix:matrix_null") + "}", "missing_matrix"));
        out.add(bad400("missing_matrix:empty_object", "{}", "missing_matrix"));

        out.add(shape("bad_shape:47_rows", rows(m, 0, 47)));
        out.add(shape("bad_shape:49_rows", rows(m, 0, 48) + "," + row(m[47])));
        out.add(shape("bad_shape:row_12_columns", withRowText(m, 10, String.join(",", Arrays.copyOf(m[10], 12)))));
        out.add(shape("bad_shape:row_14_columns", withRowText(m, 20, String.join(",", m[20]) + ",0.5")));
        out.add(shape("bad_shape:empty_row", withRowText(m, 30, "")));
        out.add(bad400("bad_shape:empty_matrix", body("bad_shape:empty_matrix", "[]"), "bad_shape"));
        out.add(bad400("bad_shape:flat_list", body("bad_shape:flat_list", "[" + flat(m) + "]"), "bad_shape"));

        out.add(value("non_finite:float32_overflow", m, 5, 3, "1e39", "non_finite"));
        out.add(value("non_finite:negative_float32_overflow", m, 47, 12, "-3.5e38", "non_finite"));
        out.add(value("non_finite:double_overflow", m, 2, 2, "1e400", "non_finite"));
        out.add(value("non_finite:nan_token", m, 0, 0, "NaN", "non_finite"));
        out.add(value("non_finite:infinity_token", m, 10, 11, "Infinity", "non_finite"));
        out.add(value("non_finite:negative_infinity_token", m, 30, 9, "-Infinity", "non_finite"));

        out.add(value("bad_type:string_value", m, 3, 1, "\"0.5\"", "bad_type"));
        out.add(value("bad_type:boolean_value", m, 4, 6, "true", "bad_type"));
        out.add(value("bad_type:null_value", m, 6, 4, "null", "bad_type"));
        out.add(bad400("bad_type:matrix_string", body("bad_type:matrix_string", "\"48x13\""), "bad_type"));
        out.add(field("bad_type:correlation_id_number", m, "correlationId", "12345"));
        out.add(field("bad_type:direction_string", m, "direction", "\"long\""));
        out.add(field("bad_type:confidence_string", m, "confidence", "\"high\""));
        out.add(field("bad_type:synergy_type_number", m, "synergyType", "7"));

        out.add(new InvalidCase("too_large:just_over_1mib", JSON, tooLarge(m), 413, "too_large"));

        byte[] valid = validBody.getBytes(StandardCharsets.UTF_8);
        out.add(new InvalidCase("unsupported_media_type:text_plain", "text/plain", valid, 415, "unsupported_media_type"));
        out.add(new InvalidCase("unsupported_media_type:form_urlencoded", "application/x-www-form-urlencoded", valid, 415,
                "unsupported_media_type"));
        out.add(new InvalidCase("unsupported_media_type:no_content_type", null, valid, 415, "unsupported_media_type"));
        return List.copyOf(out);
    }

    /** A valid request padded (in correlationId) to exactly {@link #TOO_LARGE_BYTES} bytes. */
    static byte[] tooLarge(String[][] m) {
        String head = "{\"matrix\":[" + rows(m, 0, 48) + "],\"synergyType\":\"momentum_alignment\",\"direction\":1,"
                + "\"confidence\":0.82,\"correlationId\":\"too-large-";
        String tail = "\"}";
        StringBuilder sb = new StringBuilder(TOO_LARGE_BYTES).append(head);
        int padding = TOO_LARGE_BYTES - head.length() - tail.length();
        for (int i = 0; i < padding; i++) {
            sb.append((char) ('a' + i % 26));
        }
        return sb.append(tail).toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static InvalidCase bad400(String name, String body, String error) {
        return new InvalidCase(name, JSON, body.getBytes(StandardCharsets.UTF_8), 400, error);
    }

    private static InvalidCase shape(String name, String rowsText) {
        return bad400(name, body(name, "[" + rowsText + "]"), "bad_shape");
    }

    /** The base matrix with one element replaced by a raw JSON token. */
    private static InvalidCase value(String name, String[][] m, int row, int col, String token, String error) {
        String[] changed = m[row].clone();
        changed[col] = token;
        return bad400(name, body(name, "[" + withRowText(m, row, String.join(",", changed)) + "]"), error);
    }

    /** The base matrix with one optional field given the wrong JSON type (raw token replaces the default). */
    private static InvalidCase field(String name, String[][] m, String key, String rawValue) {
        Map<String, String> fields = extraFields(name);
        fields.put(key, rawValue);
        return bad400(name, "{\"matrix\":[" + rows(m, 0, 48) + "]," + join(fields) + "}", "bad_type");
    }

    private static String body(String name, String matrixText) {
        return "{\"matrix\":" + matrixText + "," + extras(name) + "}";
    }

    private static String extras(String name) {
        return join(extraFields(name));
    }

    /** The optional request fields as raw JSON, in SPEC order; correlationId names the case. */
    private static Map<String, String> extraFields(String name) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("synergyType", "\"momentum_alignment\"");
        fields.put("direction", "1");
        fields.put("confidence", "0.82");
        fields.put("correlationId", "\"invalid-" + name.replace(':', '-') + "\"");
        return fields;
    }

    private static String join(Map<String, String> fields) {
        StringBuilder sb = new StringBuilder();
        fields.forEach((k, v) -> sb.append(sb.length() > 0 ? "," : "").append('"').append(k).append("\":").append(v));
        return sb.toString();
    }

    private static String withRowText(String[][] m, int row, String rowText) {
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < m.length; r++) {
            if (r > 0) {
                sb.append(',');
            }
            sb.append('[').append(r == row ? rowText : String.join(",", m[r])).append(']');
        }
        return sb.toString();
    }

    private static String rows(String[][] m, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int r = from; r < to; r++) {
            if (r > from) {
                sb.append(',');
            }
            sb.append(row(m[r]));
        }
        return sb.toString();
    }

    private static String row(String[] values) {
        return "[" + String.join(",", values) + "]";
    }

    private static String flat(String[][] m) {
        StringBuilder sb = new StringBuilder();
        for (String[] r : m) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(String.join(",", r));
        }
        return sb.toString();
    }

    private static String[][] tokens(double[][] matrix) {
        String[][] t = new String[matrix.length][];
        for (int r = 0; r < matrix.length; r++) {
            t[r] = new String[matrix[r].length];
            for (int c = 0; c < matrix[r].length; c++) {
                t[r][c] = Columns.format(matrix[r][c], Columns.DECIMALS[c]);
            }
        }
        return t;
    }
}
