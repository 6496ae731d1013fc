package org.marlbench.server.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import org.marlbench.server.component.MatrixShape;

/**
 * Parses and validates a decision request body in one streaming pass (Jackson JsonParser: no
 * tree, no reflection), writing the matrix straight into a row-major float[rows * columns] of the
 * configured {@link MatrixShape} (the component's: SPEC 48x13).
 * Every problem becomes an {@link ApiError} 400 with a precise message; nothing else escapes.
 * NaN/Infinity tokens are accepted by the parser so that they are reported as non_finite.
 * {@link FastRequestScan} answers first for the common well-formed body, or declines.
 */
final class DecisionRequestParser {

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();

    private final MatrixShape shape;
    private final int rows;
    private final int columns;
    /** e.g. "48x13", as every shape message says it. */
    private final String expected;

    DecisionRequestParser(MatrixShape shape) {
        this.shape = shape;
        this.rows = shape.rows();
        this.columns = shape.columns();
        this.expected = shape.toString();
    }

    DecisionRequest parse(byte[] body, int length) {
        // The common well-formed body takes the byte scan; anything else, and every error, Jackson.
        DecisionRequest fast = FastRequestScan.tryParse(body, length, shape);
        return fast != null ? fast : parseWithJackson(body, length);
    }

    /** The reference parser: every rule and every error message lives here. */
    DecisionRequest parseWithJackson(byte[] body, int length) {
        if (length == 0) {
            throw ApiError.badRequest("malformed_json", "request body is empty; expected a JSON object with a \"matrix\" of " + expected + " numbers");
        }
        try (JsonParser p = JSON.createParser(body, 0, length)) {
            return readRequest(p);
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("malformed_json", "request body is not valid JSON: " + e.getOriginalMessage() + where(e.getLocation()));
        } catch (IOException e) {
            // A byte-array parser does no I/O; kept for the signature.
            throw ApiError.badRequest("malformed_json", "request body could not be read: " + e.getMessage());
        }
    }

    private DecisionRequest readRequest(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t != JsonToken.START_OBJECT) {
            throw badType("the request body must be a JSON object, got " + describe(t));
        }
        float[] matrix = null;
        boolean matrixSeen = false;
        String synergyType = null;
        Double direction = null;
        Double confidence = null;
        String correlationId = null;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            t = p.nextToken();
            switch (name) {
                case "matrix" -> {
                    matrixSeen = true;
                    matrix = readMatrix(p, t);
                }
                case "synergyType" -> synergyType = optionalString(p, t, name);
                case "direction" -> direction = optionalNumber(p, t, name);
                case "confidence" -> confidence = optionalNumber(p, t, name);
                case "correlationId" -> correlationId = optionalString(p, t, name);
                default -> p.skipChildren(); // unknown fields are ignored (forward compatible)
            }
        }
        if (p.nextToken() != null) {
            throw ApiError.badRequest("malformed_json", "unexpected content after the JSON object" + where(p.currentTokenLocation()));
        }
        if (matrix == null) {
            throw ApiError.badRequest("missing_matrix", matrixSeen
                    ? "\"matrix\" is null; expected " + rows + " rows of " + columns + " numbers"
                    : "the request has no \"matrix\"; expected " + rows + " rows of " + columns + " numbers");
        }
        return new DecisionRequest(matrix, synergyType, direction, confidence, correlationId);
    }

    /** Returns null for a JSON null (reported as missing_matrix by the caller). */
    private float[] readMatrix(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) return null;
        if (t != JsonToken.START_ARRAY) {
            throw badType("\"matrix\" must be an array of " + rows + " rows of " + columns + " numbers, got " + describe(t));
        }
        float[] m = new float[rows * columns];
        int row = 0;
        int firstRowLength = -1;
        int unequalRow = -1;
        int unequalLength = -1;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (isNumber(t)) {
                // A number where a row belongs is a shape error: a flat list, or a row flattened in.
                throw ApiError.badRequest("bad_shape", row == 0
                        ? "matrix is a flat list of " + countFlat(p) + " numbers, expected " + expected
                                + " (" + rows + " rows of " + columns + " numbers)"
                        : "matrix row " + row + " is a single number, not a row; expected " + expected);
            }
            if (t != JsonToken.START_ARRAY) {
                throw badType("matrix row " + row + " must be an array of " + columns + " numbers, got " + describe(t));
            }
            int col = 0;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_NUMBER_INT) {
                    throw badType("matrix value at row " + row + ", column " + col + " must be a number, got " + describe(t));
                }
                float v = p.getFloatValue();
                if (!Float.isFinite(v)) {
                    throw ApiError.badRequest("non_finite", "matrix value at row " + row + ", column " + col
                            + " is not a finite float32 (got " + p.getText() + "); every value must be finite");
                }
                if (row < rows && col < columns) m[row * columns + col] = v;
                col++;
            }
            if (firstRowLength < 0) {
                firstRowLength = col;
            } else if (col != firstRowLength && unequalRow < 0) {
                unequalRow = row;
                unequalLength = col;
            }
            row++;
        }
        if (unequalRow >= 0) {
            throw ApiError.badRequest("bad_shape", "matrix rows have unequal lengths: row 0 has " + firstRowLength
                    + " values but row " + unequalRow + " has " + unequalLength + "; expected " + expected);
        }
        if (row != rows || firstRowLength != columns) {
            throw ApiError.badRequest("bad_shape", "matrix is " + row + "x" + Math.max(0, firstRowLength)
                    + ", expected " + expected + " (" + rows + " rows of " + columns + " numbers)");
        }
        return m;
    }

    private static boolean isNumber(JsonToken t) {
        return t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT;
    }

    /** Counts the values of a flat matrix array whose first number was just read. */
    private static int countFlat(JsonParser p) throws IOException {
        int count = 1;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
            p.skipChildren();
            count++;
        }
        return count;
    }

    private static String optionalString(JsonParser p, JsonToken t, String field) throws IOException {
        if (t == JsonToken.VALUE_NULL) return null;
        if (t != JsonToken.VALUE_STRING) throw badType("\"" + field + "\" must be a string, got " + describe(t));
        return p.getText();
    }

    private static Double optionalNumber(JsonParser p, JsonToken t, String field) throws IOException {
        if (t == JsonToken.VALUE_NULL) return null;
        if (t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_NUMBER_INT) {
            throw badType("\"" + field + "\" must be a number, got " + describe(t));
        }
        double v = p.getDoubleValue();
        if (!Double.isFinite(v)) {
            throw ApiError.badRequest("non_finite", "\"" + field + "\" must be a finite number, got " + p.getText());
        }
        return v;
    }

    private static ApiError badType(String message) {
        return ApiError.badRequest("bad_type", message);
    }

    private static String describe(JsonToken t) {
        if (t == null) return "nothing";
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.name();
        };
    }

    private static String where(JsonLocation loc) {
        if (loc == null || loc.getLineNr() < 0) return "";
        return " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
    }
}
