package org.marlbench.bench.baseline;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * The empirical latency distribution of one run, as the non-empty buckets of its HdrHistogram
 * (value in µs + cumulative count). Small and immutable so the bootstrap can evaluate its
 * quantile function thousands of times without touching the histogram again.
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
        byte[] bytes = Base64.getDecoder().decode(base64);
        try {
            return of(Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0));
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("not a compressed HdrHistogram: " + e.getMessage(), e);
        }
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
