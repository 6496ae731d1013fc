package org.marlbench.bench.server;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpecProbeTest {
    static final String TIMING = "model;dur=0.184, total;dur=0.412";
    static final String GOOD = """
            { "action": "buy", "confidence": 0.41, "uncertainty": 1.02, "shouldProceed": false,
              "regime": "ranging", "reasoning": "r", "timestamp": "2026-11-27T12:00:00.123Z",
              "correlationId": "bench-probe-1",
              "agentContributions": {"mlmi": 0.2, "nwrqk": 0.3, "regime": 0.1},
              "performanceMetrics": { "ensembleProbabilities": [0.4, 0.35, 0.25],
                 "individualConfidences": {"mlmi": 0.5, "nwrqk": 0.6, "regime": 0.4},
                 "gatingWeights": [0.3, 0.3, 0.4], "fallbackAgents": [],
                 "totalComputationTimeMs": 0.21 } }""";

    @Test
    void conformantResponseHasNoViolations() {
        assertEquals(List.of(), SpecProbe.violations(200, TIMING, GOOD));
    }

    @Test
    void everyDeviationIsNamed() {
        String bad = GOOD.replace("\"buy\"", "\"BUY\"").replace("false", "\"no\"")
                .replace("[0.3, 0.3, 0.4]", "[0.3, 0.3]").replace("\"bench-probe-1\"", "\"other\"")
                .replace("\"nwrqk\": 0.3", "\"nwrqk\": \"x\"");
        List<String> v = SpecProbe.violations(500, "model;dur=0.1", bad);
        String all = String.join("\n", v);
        for (String expected : List.of("status 500", "total;dur", "action", "shouldProceed", "gatingWeights",
                "correlationId", "agentContributions.nwrqk")) {
            assertTrue(all.contains(expected), "missing '" + expected + "' in:\n" + all);
        }
        assertTrue(SpecProbe.violations(200, TIMING, "<html>").get(0).contains("not JSON"));
    }

    @Test
    void probeBodyGetsACorrelationId() {
        assertEquals("{\"matrix\":[[1]],\"correlationId\":\"bench-probe-1\"}",
                SpecProbe.withCorrelationId("{\"matrix\":[[1]],\"correlationId\":\"a\"}"));
        assertThrows(IllegalArgumentException.class, () -> SpecProbe.withCorrelationId("[1]"));
    }
}
