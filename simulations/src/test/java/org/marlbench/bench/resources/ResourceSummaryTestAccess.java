package org.marlbench.bench.resources;

/** Shares the synthetic sidecar series of ResourceSummaryTest with other tests. */
public final class ResourceSummaryTestAccess {
    private ResourceSummaryTestAccess() {
    }

    public static String series() {
        return ResourceSummaryTest.series(new long[] {1000, 1250, 1500, 1750, 2000},
                new long[] {100, 110, 180, 120, 160}, new double[] {10, 150, 190, 170, 170}, 300);
    }
}
