package org.marlbench.server.component;

/**
 * Test aid (package-private, off unless a test sets it): faults injected inside the timed forward
 * pass, so tests drive the real fallback, budget and breaker paths with the real engine.
 */
final class ForwardFaults {
    /** Bit a set: agent a's outputs are replaced by NaN (a non-finite engine result). */
    volatile int nanAgentMask;
    /** Extra time spent inside the timed forward region. */
    volatile long delayNanos;
    /** The forward pass throws, as an engine failure would. */
    volatile boolean throwInForward;

    void beforeForward() {
        long delay = delayNanos;
        if (delay > 0) {
            long end = System.nanoTime() + delay;
            while (System.nanoTime() < end) Thread.onSpinWait();
        }
        if (throwInForward) throw new IllegalStateException("injected engine failure");
    }

    void afterForward(float[] logits, int batch) {
        int mask = nanAgentMask;
        if (mask == 0) return;
        for (int a = 0; a < StackedForward.AGENTS; a++) {
            if ((mask & (1 << a)) == 0) continue;
            java.util.Arrays.fill(logits, a * batch * 3, (a + 1) * batch * 3, Float.NaN);
        }
    }
}
