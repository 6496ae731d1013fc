package org.marlbench.feeders;

import java.util.EnumMap;
import java.util.Map;

/**
 * Target proportions of the three regimes. Counts for n matrices are exact quotas
 * (largest remainder), so a full pass over a feed has known proportions.
 */
public record RegimeMix(double trending, double ranging, double volatileShare) {
    public static final RegimeMix DEFAULT = new RegimeMix(0.40, 0.40, 0.20);

    public RegimeMix {
        if (trending < 0 || ranging < 0 || volatileShare < 0) {
            throw new IllegalArgumentException("regime shares must be >= 0: " + trending + "/" + ranging + "/" + volatileShare);
        }
        double sum = trending + ranging + volatileShare;
        if (Math.abs(sum - 1.0) > 1e-9) {
            throw new IllegalArgumentException("regime shares must sum to 1, got " + sum);
        }
    }

    public double share(Regime regime) {
        return switch (regime) {
            case TRENDING -> trending;
            case RANGING -> ranging;
            case VOLATILE -> volatileShare;
        };
    }

    /** Exact counts for n matrices, largest remainder; ties go to the earlier regime. */
    public Map<Regime, Integer> quotas(int n) {
        Map<Regime, Integer> counts = new EnumMap<>(Regime.class);
        double[] remainders = new double[Regime.values().length];
        int assigned = 0;
        for (Regime r : Regime.values()) {
            double exact = share(r) * n;
            int floor = (int) Math.floor(exact);
            counts.put(r, floor);
            remainders[r.ordinal()] = exact - floor;
            assigned += floor;
        }
        for (int left = n - assigned; left > 0; left--) {
            Regime best = null;
            for (Regime r : Regime.values()) {
                if (best == null || remainders[r.ordinal()] > remainders[best.ordinal()]) {
                    best = r;
                }
            }
            counts.merge(best, 1, Integer::sum);
            remainders[best.ordinal()] = -1;
        }
        return counts;
    }
}
