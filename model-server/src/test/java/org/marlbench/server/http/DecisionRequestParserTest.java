package org.marlbench.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.marlbench.server.component.MatrixShape;

/** The streaming parser on its own: every rule of the request, without HTTP around it. */
class DecisionRequestParserTest {

    private static DecisionRequest parse(String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        return new DecisionRequestParser(MatrixShape.SPEC).parse(b, b.length);
    }

    private static ApiError reject(String body, String code) {
        ApiError e = assertThrows(ApiError.class, () -> parse(body));
        assertEquals(400, e.status());
        assertEquals(code, e.code(), e.getMessage());
        return e;
    }

    @Test
    void readsTheMatrixRowMajorAndTheOptionalFields() {
        double[][] m = TestClient.matrix(3);
        String body = "{\"synergyType\":\"momentum_alignment\",\"direction\":-1,\"confidence\":0.82,"
                + "\"correlationId\":\"abc-123\",\"unknown\":{\"deep\":[1,[2]]},\"matrix\":" + TestClient.matrixJson(m) + "}";
        DecisionRequest r = parse(body);
        assertEquals(48 * 13, r.matrix().length);
        for (int row = 0; row < 48; row++) {
            for (int col = 0; col < 13; col++) {
                assertEquals((float) m[row][col], r.matrix()[row * 13 + col], "row " + row + " col " + col);
            }
        }
        assertEquals("momentum_alignment", r.synergyType());
        assertEquals(-1.0, r.direction());
        assertEquals(0.82, r.confidence());
        assertEquals("abc-123", r.correlationId());
    }

    @Test
    void optionalFieldsMayBeAbsentOrNull() {
        DecisionRequest r = parse("{\"matrix\":" + TestClient.matrixJson(TestClient.matrix(1)) + ",\"correlationId\":null}");
        assertNull(r.correlationId());
        assertNull(r.direction());
        assertNull(r.synergyType());
    }

    @Test
    void malformedJson() {
        assertTrue(reject("{\"matrix\": [[1,2,", "malformed_json").getMessage().contains("not valid JSON"));
        reject("", "malformed_json");
        reject(TestClient.body(TestClient.matrix(1)) + " trailing", "malformed_json");
        reject(TestClient.body(TestClient.matrix(1)) + " {}", "malformed_json");
        reject("{\"matrix\":null,\"matrix\":null}", "malformed_json"); // duplicate field is not silently overwritten
    }

    @Test
    void missingMatrix() {
        assertTrue(reject("{\"direction\": 1}", "missing_matrix").getMessage().contains("matrix"));
        assertTrue(reject("{\"matrix\": null}", "missing_matrix").getMessage().contains("null"));
    }

    @Test
    void badShapeSaysWhatWasReceived() {
        double[][] short47 = java.util.Arrays.copyOf(TestClient.matrix(1), 47);
        assertEquals("matrix is 47x13, expected 48x13 (48 rows of 13 numbers)",
                reject(TestClient.body(short47), "bad_shape").getMessage());
        double[][] wide = new double[48][14];
        assertTrue(reject(TestClient.body(wide), "bad_shape").getMessage().startsWith("matrix is 48x14, expected 48x13"));
        assertTrue(reject("{\"matrix\":[]}", "bad_shape").getMessage().startsWith("matrix is 0x0, expected 48x13"));
        double[][] ragged = TestClient.matrix(1);
        ragged[5] = new double[12];
        assertEquals("matrix rows have unequal lengths: row 0 has 13 values but row 5 has 12; expected 48x13",
                reject(TestClient.body(ragged), "bad_shape").getMessage());
    }

    /** The expected shape is the configured one (model.rows / model.columns), in every path and message. */
    @Test
    void theShapeComesFromTheConfiguration() {
        DecisionRequestParser parser24 = new DecisionRequestParser(new MatrixShape(24, 13));
        double[][] m24 = java.util.Arrays.copyOf(TestClient.matrix(1), 24);
        byte[] b24 = TestClient.body(m24).getBytes(StandardCharsets.UTF_8);
        assertEquals(24 * 13, parser24.parse(b24, b24.length).matrix().length);
        assertEquals(24 * 13, FastRequestScan.tryParse(b24, b24.length, new MatrixShape(24, 13)).matrix().length,
                "the fast path takes the configured shape too");
        byte[] b48 = TestClient.body(TestClient.matrix(1)).getBytes(StandardCharsets.UTF_8);
        ApiError e = assertThrows(ApiError.class, () -> parser24.parse(b48, b48.length));
        assertEquals("bad_shape", e.code());
        assertEquals("matrix is 48x13, expected 24x13 (24 rows of 13 numbers)", e.getMessage());
        assertNull(FastRequestScan.tryParse(b48, b48.length, new MatrixShape(24, 13)), "wrong shape: Jackson reports it");
    }

    @Test
    void nonFiniteSaysRowAndColumn() {
        for (String token : new String[] {"1e39", "-1e39", "NaN", "Infinity", "-Infinity",
                "1" + "0".repeat(60)}) {
            String msg = reject(TestClient.bodyWithCell(3, 4, token), "non_finite").getMessage();
            assertTrue(msg.contains("row 3, column 4"), msg);
        }
        reject("{\"matrix\":" + TestClient.matrixJson(TestClient.matrix(1)) + ",\"confidence\":NaN}", "non_finite");
    }

    @Test
    void badTypeNamesTheFieldOrCell() {
        assertTrue(reject(TestClient.bodyWithCell(7, 2, "\"x\""), "bad_type").getMessage().contains("row 7, column 2"));
        assertTrue(reject(TestClient.bodyWithCell(7, 2, "null"), "bad_type").getMessage().contains("row 7, column 2"));
        assertTrue(reject(TestClient.bodyWithCell(0, 0, "[1]"), "bad_type").getMessage().contains("row 0, column 0"));
        assertTrue(reject("{\"matrix\":\"no\"}", "bad_type").getMessage().contains("\"matrix\""));
        String base = "{\"matrix\":" + TestClient.matrixJson(TestClient.matrix(1));
        assertTrue(reject(base + ",\"direction\":\"up\"}", "bad_type").getMessage().contains("\"direction\""));
        assertTrue(reject(base + ",\"confidence\":true}", "bad_type").getMessage().contains("\"confidence\""));
        assertTrue(reject(base + ",\"synergyType\":3}", "bad_type").getMessage().contains("\"synergyType\""));
        assertTrue(reject(base + ",\"correlationId\":{}}", "bad_type").getMessage().contains("\"correlationId\""));
        assertTrue(reject("[1,2]", "bad_type").getMessage().contains("JSON object"));
    }

    @Test
    void aFlatListOrANumberInPlaceOfARowIsABadShape() {
        assertTrue(reject("{\"matrix\":[1,2,3]}", "bad_shape").getMessage().contains("flat list of 3 numbers, expected 48x13"));
        assertTrue(reject("{\"matrix\":[[1,2],7]}", "bad_shape").getMessage().contains("row 1 is a single number"));
    }
}
