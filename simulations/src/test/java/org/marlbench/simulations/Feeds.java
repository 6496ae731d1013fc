package org.marlbench.simulations;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.marlbench.feeders.MarketRecord;

/** Feeder rows built once: each request body pre-encoded to bytes, no JSON work per request. */
final class Feeds {
    static final String BODY = "body";
    static final String REGIME = "regime";

    private Feeds() {
    }

    static List<Map<String, Object>> marketRows(List<MarketRecord> records) {
        if (records.isEmpty()) throw new IllegalStateException("the market feed is empty");
        return records.stream()
                .map(r -> Map.<String, Object>of(BODY, r.bodyJson().getBytes(StandardCharsets.UTF_8), REGIME, r.regime()))
                .toList();
    }
}
