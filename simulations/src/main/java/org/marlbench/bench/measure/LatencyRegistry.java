package org.marlbench.bench.measure;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.marlbench.bench.results.RequestResult;

/** The statistics of one server side of a run, by request name, in the order names first appeared. */
public final class LatencyRegistry {
    private final Map<String, RequestStats> byName = Collections.synchronizedMap(new LinkedHashMap<>());

    public RequestStats forName(String requestName) {
        return byName.computeIfAbsent(requestName, name -> new RequestStats());
    }

    public Map<String, RequestStats> snapshot() {
        synchronized (byName) {
            return new LinkedHashMap<>(byName);
        }
    }

    /** Frozen results by name, as stats.json {@code requests} holds them. */
    public Map<String, RequestResult> results() {
        Map<String, RequestResult> out = new LinkedHashMap<>();
        snapshot().forEach((name, stats) -> out.put(name, stats.result()));
        return out;
    }
}
