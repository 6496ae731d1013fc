package org.marlbench.server.sidecar;

import java.util.HashMap;
import java.util.Map;

/**
 * Cumulative heap bytes allocated by the JVM's threads, from per-thread counters
 * ({@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}): the sum over the live threads,
 * plus, for every thread that has died since, the last figure read for it (its allocations between
 * that reading and its death are missed: at 250 ms sampling, a small undercount for threads that come
 * and go, such as Jetty's idle workers). So the total never goes down, and its slope is the allocation
 * rate. Not thread-safe: one sampler updates it.
 */
public final class AllocationTotal {
    private Map<Long, Long> lastByThread = new HashMap<>();
    private long ofDeadThreads;

    /**
     * @param threadIds ids of the live threads, thread ids are never reused by the JVM
     * @param allocated bytes each of them allocated so far, -1 for a thread that is gone or not measured
     * @return the total so far
     */
    public long update(long[] threadIds, long[] allocated) {
        Map<Long, Long> now = new HashMap<>(threadIds.length * 2);
        long live = 0;
        for (int i = 0; i < threadIds.length; i++) {
            if (allocated[i] < 0) continue;
            now.put(threadIds[i], allocated[i]);
            live += allocated[i];
        }
        for (Map.Entry<Long, Long> e : lastByThread.entrySet()) {
            if (!now.containsKey(e.getKey())) ofDeadThreads += e.getValue();
        }
        lastByThread = now;
        return ofDeadThreads + live;
    }
}
