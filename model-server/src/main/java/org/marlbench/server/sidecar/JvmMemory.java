package org.marlbench.server.sidecar;

import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;

/** JVM memory figures beyond SPEC's, for the soak run's leak verdict. */
public final class JvmMemory {
    private JvmMemory() {
    }

    /**
     * Heap used right after the last collection, summed over the heap pools: each pool's
     * {@link MemoryPoolMXBean#getCollectionUsage()} (what it held after the most recent GC that collected
     * it). Garbage does not count, so unlike the heap used it does not saw-tooth with allocation: under
     * constant load it is flat unless something is retained. Caveat: a pool is only updated by a collection
     * that collects it, e.g. the old generation of ParallelGC or SerialGC only at full collections, so
     * there old-generation growth shows in steps. Null when no heap pool reports a collection usage
     * (before the first collection every pool reads 0, which is reported).
     */
    public static Long heapUsedAfterGc(List<MemoryPoolMXBean> pools) {
        long sum = 0;
        boolean any = false;
        for (MemoryPoolMXBean pool : pools) {
            if (pool.getType() != MemoryType.HEAP || !pool.isValid()) continue;
            MemoryUsage after = pool.getCollectionUsage(); // null for a pool no collector manages
            if (after == null) continue;
            sum += Math.max(0, after.getUsed());
            any = true;
        }
        return any ? sum : null;
    }
}
