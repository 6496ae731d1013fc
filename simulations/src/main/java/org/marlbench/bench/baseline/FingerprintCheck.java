package org.marlbench.bench.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Numbers from different machines are not comparable: lists each fingerprint field whose value
 * differs between the baseline and the current run ("cores: 2 -> 8").
 */
public final class FingerprintCheck {
    static final List<String> FIELDS = List.of("cpuModel", "cores", "jvm", "os", "engine");

    private FingerprintCheck() {
    }

    public static List<String> differences(JsonNode baselineMachine, JsonNode currentMachine) {
        List<String> diffs = new ArrayList<>();
        for (String field : FIELDS) {
            String before = baselineMachine.path(field).asText("?");
            String now = currentMachine.path(field).asText("?");
            if (!before.equals(now)) {
                diffs.add(field + ": '" + before + "' -> '" + now + "'");
            }
        }
        return diffs;
    }
}
