package org.marlbench.bench.stats;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * The empirical latency distribution of one run, as the non-empty buckets of its HdrHistogram
 * (value in µs + cumulative count): small and immutable, for quantiles and the report's curves.
 */
public final class LatencyDistribution {
    private final long[] valuesMicros;
    private final long[] cumulativeCounts;
    private final long totalCount;

    LatencyDistribution(long[] valuesMicros, long[] cumulativeCounts) {
        this.valuesMicros = valuesMicros;
        this.cumulativeCounts = cumulativeCounts;
        this.totalCount = cumulativeCounts.length == 0 ? 0 : cumulativeCounts[cumulativeCounts.length - 1];
    }

    public static LatencyDistribution decode(String base64) {
        return of(Histograms.decode(base64));
    }

    public static LatencyDistribution of(Histogram histogram) {
        List<long[]> buckets = new ArrayList<>();
        long cumulative = 0;
        for (HistogramIterationValue v : histogram.recordedValues()) {
            cumulative += v.getCountAtValueIteratedTo();
            buckets.add(new long[] {histogram.highestEquivalentValue(v.getValueIteratedTo()), cumulative});
        }
        long[] values = new long[buckets.size()];
        long[] cumulativeCounts = new long[buckets.size()];
        for (int i = 0; i < buckets.size(); i++) {
            values[i] = buckets.get(i)[0];
            cumulativeCounts[i] = buckets.get(i)[1];
        }
        return new LatencyDistribution(values, cumulativeCounts);
    }

    public long count() {
        return totalCount;
    }

    /** Value at quantile level u in (0,1]: the value of the observation of rank ceil(u * n). */
    public double quantileMicros(double u) {
        if (totalCount == 0) {
            return Double.NaN;
        }
        long rank = Math.max(1, (long) Math.ceil(u * totalCount));
        int lo = 0;
        int hi = cumulativeCounts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulativeCounts[mid] >= rank) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return valuesMicros[lo];
    }
}
