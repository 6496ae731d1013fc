package org.marlbench.bench.stats;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The statistics of one simulation run, by request name, in the order names first appeared. */
public final class LatencyRegistry {
    private final Map<String, RequestStats> byName = Collections.synchronizedMap(new LinkedHashMap<>());

    public RequestStats forName(String requestName) {
        return byName.computeIfAbsent(requestName, RequestStats::new);
    }

    public Map<String, RequestStats> snapshot() {
        synchronized (byName) {
            return new LinkedHashMap<>(byName);
        }
    }
}
