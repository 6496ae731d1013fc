package org.marlbench.server.component;

/**
 * One request's share of a micro-batch: its head logits (agent a at [a * 3, a * 3 + 3)) and, per
 * agent, why it fell back (null: it did not), with the batch's engine time and size.
 */
record Outcome(float[] logits, String[] fallbackReason, long batchNanos, int batchSize) {
}
