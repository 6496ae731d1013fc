package org.marlbench.feeders;

/** One feed entry: its id, the regime it was generated for, and the compact body to POST. */
public record MarketRecord(int id, String regime, String bodyJson) {
}
