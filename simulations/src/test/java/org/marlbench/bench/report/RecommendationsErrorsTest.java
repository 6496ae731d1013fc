package org.marlbench.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Deliberate error-path requests are not "server errors" in the recommendations. */
class RecommendationsErrorsTest {
    @Test
    void countsOnlyInvalidRequestsThatGotTheirErrorAnswer() throws Exception {
        JsonNode stats = new ObjectMapper().readTree("""
                {"requests": {
                   "invalid: bad_shape:47_rows": {"count": 1, "failures": 0},
                   "invalid: too_large": {"count": 2, "failures": 1},
                   "decision": {"count": 500, "failures": 3},
                   "warmup": {"count": 10, "failures": 0}}}""");
        assertEquals(2, Recommendations.expectedErrorAnswers(stats));
        assertEquals(0, Recommendations.expectedErrorAnswers(new ObjectMapper().readTree("{}")));
    }
}
