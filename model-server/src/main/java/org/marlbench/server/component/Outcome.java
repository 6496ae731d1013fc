package org.marlbench.server.component;

/**
 * One request's share of a micro-batch: its head logits (agent a at [a * 3, a * 3 + 3)) and, per
 * agent, why it fell back (null: it did not), with the batch's engine time and size.
 *
 * @param gatingLogits gating.pt's 3 logits for this request, before the context biases, when the gating
 *                     runs as a module (zeros if it could not give them); null when the gating is Java
 */
record Outcome(float[] logits, String[] fallbackReason, float[] gatingLogits, long batchNanos, int batchSize) {
}
