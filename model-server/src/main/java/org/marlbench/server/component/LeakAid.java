package org.marlbench.server.component;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TEST AID, off by default (testaid.leakBytesPerDecision, testaid.leakNativeArrayEvery): decisions leak
 * on purpose, so that a soak run's leak verdict can be shown to fire. A native array of
 * {@value #NATIVE_FLOATS} floats (4 KiB) created every N decisions in a manager that lives as long as the
 * component raises the live NDArray count (inference.nativeArrays) and RSS; a byte[] retained every decision
 * raises the heap after GC. Both are freed when the component closes. Armed after the warm-up, so the
 * count moves with served decisions only. Set only by configuration (-D, environment, config file), never
 * over HTTP; a WARN at start-up says it is on.
 */
final class LeakAid {
    private static final Logger LOG = LoggerFactory.getLogger(LeakAid.class);
    static final int NATIVE_FLOATS = 1024;
    private static final float[] NATIVE_DATA = new float[NATIVE_FLOATS];
    static {
        java.util.Arrays.fill(NATIVE_DATA, 1f); // touched pages: the leak shows in RSS
    }

    private final int bytesPerDecision;
    private final int nativeEvery;
    /** Null when the native leak is off. */
    private final NDManager manager;
    private final ConcurrentLinkedQueue<byte[]> retained = new ConcurrentLinkedQueue<>();
    private final AtomicLong decisions = new AtomicLong();
    private volatile boolean armed;

    /** @param managers gives a manager that lives as long as the component (asked only when the native leak is on) */
    LeakAid(int bytesPerDecision, int nativeEvery, java.util.function.Supplier<NDManager> managers) {
        this.bytesPerDecision = bytesPerDecision;
        this.nativeEvery = nativeEvery;
        this.manager = nativeEvery > 0 ? managers.get() : null;
        if (bytesPerDecision > 0) {
            LOG.warn("TEST AID ON: testaid.leakBytesPerDecision={}: every decision keeps {} bytes of heap forever "
                    + "(a deliberate leak, for testing the leak verdict; never in a real run)", bytesPerDecision, bytesPerDecision);
        }
        if (nativeEvery > 0) {
            LOG.warn("TEST AID ON: testaid.leakNativeArrayEvery={}: one native array of {} bytes is never freed every {} "
                    + "decision(s) (a deliberate leak, for testing the leak verdict; never in a real run)",
                    nativeEvery, NATIVE_FLOATS * Float.BYTES, nativeEvery);
        }
    }

    boolean on() {
        return bytesPerDecision > 0 || nativeEvery > 0;
    }

    /** From now on decisions leak (called after the warm-up). */
    void arm() {
        armed = on();
    }

    void afterDecision() {
        if (!armed) return;
        if (bytesPerDecision > 0) retained.add(new byte[bytesPerDecision]);
        if (nativeEvery > 0 && decisions.incrementAndGet() % nativeEvery == 0) {
            manager.create(NATIVE_DATA, new Shape(NATIVE_FLOATS)); // attached to the manager, never closed
        }
    }

    /** Frees what was leaked (the native arrays also go when their owner closes). */
    void close() {
        armed = false;
        retained.clear();
        if (manager != null) manager.close();
    }
}
