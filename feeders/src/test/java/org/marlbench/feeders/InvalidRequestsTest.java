package org.marlbench.feeders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class InvalidRequestsTest {
    static final ObjectMapper STRICT = new ObjectMapper();
    static final ObjectMapper LENIENT = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    static final Map<String, Integer> SPEC_CODES = Map.of(
            "malformed_json", 400, "missing_matrix", 400, "bad_shape", 400, "non_finite", 400, "bad_type", 400,
            "too_large", 413, "unsupported_media_type", 415);

    final List<InvalidCase> cases = InvalidRequests.cases();

    @Test
    void everySpecErrorCodeIsCoveredWithItsStatus() {
        Set<String> seen = new HashSet<>();
        for (InvalidCase c : cases) {
            Integer status = SPEC_CODES.get(c.expectedError());
            assertNotNull(status, c.name() + ": not a SPEC 400/413/415 code: " + c.expectedError());
            assertEquals(status, c.expectedStatus(), c.name());
            assertTrue(c.name().startsWith(c.expectedError() + ":"), "name is code:detail: " + c.name());
            seen.add(c.expectedError());
        }
        assertEquals(SPEC_CODES.keySet(), seen);
    }

    @Test
    void theBriefsCasesArePresent() {
        Set<String> names = cases.stream().map(InvalidCase::name).collect(Collectors.toSet());
        for (String required : List.of("malformed_json:truncated", "malformed_json:not_json", "malformed_json:empty_body",
                "missing_matrix:no_matrix_key", "missing_matrix:matrix_null", "bad_shape:47_rows", "bad_shape:49_rows",
                "bad_shape:row_12_columns", "bad_shape:empty_matrix", "bad_shape:flat_list", "non_finite:float32_overflow",
                "non_finite:nan_token", "non_finite:infinity_token", "bad_type:string_value", "bad_type:boolean_value",
                "bad_type:correlation_id_number", "bad_type:direction_string", "too_large:just_over_1mib",
                "unsupported_media_type:text_plain", "unsupported_media_type:no_content_type")) {
            assertTrue(names.contains(required), "missing case " + required);
        }
        assertEquals(cases.size(), names.size(), "case names are unique");
    }

    @Test
    void casesAreDeterministic() {
        assertEquals(cases, InvalidRequests.cases());
    }

    @Test
    void tooLargeIsJustOverOneMebibyteAndOtherwiseValid() throws Exception {
        InvalidCase big = byName("too_large:just_over_1mib");
        assertEquals(1_048_577, big.body().length);
        assertTrue(big.body().length > 1_048_576);
        assertEquals("application/json", big.contentType());
        assertValidMatrix(STRICT.readTree(big.body()).get("matrix"));
    }

    @Test
    void malformedBodiesAreNotJsonEvenLeniently() {
        for (InvalidCase c : ofCode("malformed_json")) {
            String text = new String(c.body(), StandardCharsets.UTF_8);
            boolean parses;
            try {
                parses = LENIENT.readTree(text) != null && !LENIENT.readTree(text).isMissingNode();
            } catch (JsonProcessingException e) {
                parses = false;
            }
            assertFalse(parses, c.name() + " parses as JSON");
        }
        assertEquals(0, byName("malformed_json:empty_body").body().length);
    }

    @Test
    void everyOtherBodyIsWellFormedJsonObject() throws Exception {
        for (InvalidCase c : cases) {
            if (c.expectedError().equals("malformed_json")) {
                continue;
            }
            boolean usesNonFiniteTokens = c.name().endsWith("_token");
            if (usesNonFiniteTokens) {
                assertThrows(JsonProcessingException.class, () -> STRICT.readTree(c.body()), c.name());
                assertTrue(LENIENT.readTree(c.body()).isObject(), c.name() + " parses with NaN/Infinity allowed");
            } else {
                assertTrue(STRICT.readTree(c.body()).isObject(), c.name());
            }
        }
    }

    @Test
    void missingMatrixCasesHaveNoMatrix() throws Exception {
        for (InvalidCase c : ofCode("missing_matrix")) {
            JsonNode m = STRICT.readTree(c.body()).get("matrix");
            assertTrue(m == null || m.isNull(), c.name());
        }
    }

    @Test
    void badShapeCasesHaveExactlyTheShapeTheirNameSays() throws Exception {
        assertEquals(47, matrixOf("bad_shape:47_rows").size());
        assertEquals(49, matrixOf("bad_shape:49_rows").size());
        assertEquals(0, matrixOf("bad_shape:empty_matrix").size());
        JsonNode flat = matrixOf("bad_shape:flat_list");
        assertEquals(48 * 13, flat.size());
        flat.forEach(v -> assertTrue(v.isNumber()));
        assertEquals(List.of(12), rowLengthsOtherThan13(matrixOf("bad_shape:row_12_columns")));
        assertEquals(List.of(14), rowLengthsOtherThan13(matrixOf("bad_shape:row_14_columns")));
        assertEquals(List.of(0), rowLengthsOtherThan13(matrixOf("bad_shape:empty_row")));
    }

    @Test
    void nonFiniteCasesHaveExactlyOneValueThatIsNotAFiniteFloat32() throws Exception {
        for (InvalidCase c : ofCode("non_finite")) {
            JsonNode m = LENIENT.readTree(c.body()).get("matrix");
            assertEquals(48, m.size(), c.name());
            int bad = 0;
            for (JsonNode row : m) {
                assertEquals(13, row.size(), c.name());
                for (JsonNode v : row) {
                    assertTrue(v.isNumber(), c.name());
                    bad += Float.isFinite((float) v.asDouble()) ? 0 : 1;
                }
            }
            assertEquals(1, bad, c.name());
        }
        // 1e39 is a finite double but overflows float32: the server must check after narrowing
        assertTrue(new String(byName("non_finite:float32_overflow").body(), StandardCharsets.US_ASCII).contains(",1e39,"));
    }

    @Test
    void badTypeCasesHaveExactlyOneWronglyTypedField() throws Exception {
        for (String name : List.of("bad_type:string_value", "bad_type:boolean_value", "bad_type:null_value")) {
            JsonNode m = matrixOf(name);
            assertEquals(48, m.size());
            int nonNumbers = 0;
            for (JsonNode row : m) {
                assertEquals(13, row.size());
                for (JsonNode v : row) {
                    nonNumbers += v.isNumber() ? 0 : 1;
                }
            }
            assertEquals(1, nonNumbers, name);
        }
        assertTrue(matrixOf("bad_type:matrix_string").isTextual());
        assertTrue(bodyOf("bad_type:correlation_id_number").get("correlationId").isNumber());
        assertTrue(bodyOf("bad_type:direction_string").get("direction").isTextual());
        assertTrue(bodyOf("bad_type:confidence_string").get("confidence").isTextual());
        assertTrue(bodyOf("bad_type:synergy_type_number").get("synergyType").isNumber());
        assertValidMatrix(matrixOf("bad_type:correlation_id_number"));
    }

    @Test
    void unsupportedMediaTypeCasesSendAValidBodyWithTheWrongContentType() throws Exception {
        for (InvalidCase c : ofCode("unsupported_media_type")) {
            assertValidMatrix(STRICT.readTree(c.body()).get("matrix"));
            assertTrue(c.contentType() == null || !c.contentType().startsWith("application/json"), c.name());
        }
        assertNull(byName("unsupported_media_type:no_content_type").contentType());
        assertEquals("text/plain", byName("unsupported_media_type:text_plain").contentType());
    }

    @Test
    void every400CaseIsSentAsJson() {
        for (InvalidCase c : cases) {
            if (c.expectedStatus() != 415) {
                assertEquals("application/json", c.contentType(), c.name());
            }
        }
    }

    static void assertValidMatrix(JsonNode m) {
        assertEquals(48, m.size());
        for (JsonNode row : m) {
            assertEquals(13, row.size());
            row.forEach(v -> assertTrue(v.isNumber() && Float.isFinite((float) v.asDouble())));
        }
    }

    static List<Integer> rowLengthsOtherThan13(JsonNode m) {
        assertEquals(48, m.size());
        List<Integer> odd = new java.util.ArrayList<>();
        m.forEach(row -> {
            if (row.size() != 13) {
                odd.add(row.size());
            }
        });
        return odd;
    }

    InvalidCase byName(String name) {
        return cases.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError(name));
    }

    List<InvalidCase> ofCode(String code) {
        List<InvalidCase> out = cases.stream().filter(c -> c.expectedError().equals(code)).toList();
        assertFalse(out.isEmpty(), code);
        return out;
    }

    JsonNode bodyOf(String name) throws Exception {
        return STRICT.readTree(byName(name).body());
    }

    JsonNode matrixOf(String name) throws Exception {
        return bodyOf(name).get("matrix");
    }
}
