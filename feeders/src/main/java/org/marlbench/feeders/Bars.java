package org.marlbench.feeders;

/**
 * A simulated series of 30-minute OHLCV bars (oldest first) plus the smoothed relative
 * volume the simulator drove them with. Prices are on a 0.25 tick grid (an index future).
 */
record Bars(double[] open, double[] high, double[] low, double[] close, double[] volume, double[] volumeRatio) {
    int size() {
        return close.length;
    }
}
