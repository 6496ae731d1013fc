package org.marlbench.feeders;

import java.util.ArrayList;
import java.util.List;

/**
 * Computes the 13 SPEC columns for the last 48 bars of a simulated series. Each column is
 * a causal indicator (uses only bars up to its own row), so rows are smooth in time.
 * Row 0 is the oldest bar, row 47 the latest.
 */
final class Indicators {
    static final int ROWS = 48;
    static final int COLS = 13;
    static final int RSI_PERIOD = 14;
    static final int MLMI_WMA = 5;
    static final int MLMI_SIGNAL_EMA = 9;
    static final int NW_LOOKBACK = 25;
    static final double NW_BANDWIDTH = 8;
    static final double NW_RELATIVE_WEIGHT = 8;
    static final int PROFILE_BARS = 96;
    static final int PROFILE_BINS = 30;
    static final int FVG_MAX_AGE_BARS = 24;
    /** Bars needed before the first row so every indicator is warmed up. */
    static final int WARMUP_BARS = 120;

    private Indicators() {
    }

    static double[][] compute(Bars bars) {
        int n = bars.size();
        if (n < WARMUP_BARS + ROWS) {
            throw new IllegalArgumentException("need at least " + (WARMUP_BARS + ROWS) + " bars, got " + n);
        }
        double[] c = bars.close();
        double[] mlmi = mlmiValue(c);
        double[] mlmiSignal = ema(mlmi, MLMI_SIGNAL_EMA);
        double[] nw = nadarayaWatson(c);
        double[][] fvg = fairValueGaps(bars);
        double[][] m = new double[ROWS][COLS];
        int first = n - ROWS;
        for (int r = 0; r < ROWS; r++) {
            int t = first + r;
            double[] lvn = lowVolumeNode(bars, t);
            m[r][0] = mlmi[t];
            m[r][1] = mlmiSignal[t];
            m[r][2] = nw[t];
            m[r][3] = (nw[t] - nw[t - 1]) / nw[t - 1];
            m[r][4] = lvn[0];
            m[r][5] = lvn[1];
            m[r][6] = fvg[t][0];
            m[r][7] = fvg[t][1];
            m[r][8] = fvg[t][2];
            m[r][9] = c[t] / c[t - 20] - 1;
            m[r][10] = c[t] / c[t - 50] - 1;
            m[r][11] = returnStd(c, t, 30);
            m[r][12] = bars.volumeRatio()[t];
        }
        return m;
    }

    /** MLMI-style momentum index: Wilder RSI(14) rescaled to [-1, 1], smoothed by a 5-bar WMA. */
    static double[] mlmiValue(double[] c) {
        int n = c.length;
        double[] rsi = new double[n];
        double avgGain = 0;
        double avgLoss = 0;
        for (int t = 1; t < n; t++) {
            double d = c[t] - c[t - 1];
            double gain = Math.max(d, 0);
            double loss = Math.max(-d, 0);
            if (t <= RSI_PERIOD) {
                avgGain += gain / RSI_PERIOD;
                avgLoss += loss / RSI_PERIOD;
            } else {
                avgGain = (avgGain * (RSI_PERIOD - 1) + gain) / RSI_PERIOD;
                avgLoss = (avgLoss * (RSI_PERIOD - 1) + loss) / RSI_PERIOD;
            }
            double total = avgGain + avgLoss;
            rsi[t] = total == 0 ? 0 : (avgGain - avgLoss) / total; // == (RSI - 50) / 50
        }
        double[] wma = new double[n];
        double weightSum = MLMI_WMA * (MLMI_WMA + 1) / 2.0;
        for (int t = 0; t < n; t++) {
            double s = 0;
            for (int k = 0; k < MLMI_WMA; k++) {
                s += (MLMI_WMA - k) * rsi[Math.max(t - k, 0)];
            }
            wma[t] = s / weightSum;
        }
        return wma;
    }

    static double[] ema(double[] x, int period) {
        double alpha = 2.0 / (period + 1);
        double[] out = new double[x.length];
        out[0] = x[0];
        for (int t = 1; t < x.length; t++) {
            out[t] = alpha * x[t] + (1 - alpha) * out[t - 1];
        }
        return out;
    }

    /** Causal Nadaraya-Watson regression of close with a rational quadratic kernel. */
    static double[] nadarayaWatson(double[] c) {
        double[] w = new double[NW_LOOKBACK];
        for (int i = 0; i < NW_LOOKBACK; i++) {
            w[i] = StrictMath.pow(1 + (i * i) / (2 * NW_RELATIVE_WEIGHT * NW_BANDWIDTH * NW_BANDWIDTH), -NW_RELATIVE_WEIGHT);
        }
        double[] out = new double[c.length];
        for (int t = 0; t < c.length; t++) {
            double num = 0;
            double den = 0;
            for (int i = 0; i < NW_LOOKBACK && t - i >= 0; i++) {
                num += w[i] * c[t - i];
                den += w[i];
            }
            out[t] = num / den;
        }
        return out;
    }

    /** Population std of the last `window` log returns ending at bar t (per 30-minute bar). */
    static double returnStd(double[] c, int t, int window) {
        double[] r = new double[window];
        double mean = 0;
        for (int k = 0; k < window; k++) {
            int i = t - k;
            r[k] = StrictMath.log(c[i] / c[i - 1]);
            mean += r[k] / window;
        }
        double ss = 0;
        for (double v : r) {
            ss += (v - mean) * (v - mean);
        }
        return Math.sqrt(ss / window);
    }

    /**
     * Volume profile of the last 96 bars (each bar's volume spread evenly over the price bins
     * its range touches); a low-volume node is a local minimum bin below 80% of the mean bin.
     * Returns {distance in points from close to the nearest node, strength in [0, 1]}.
     */
    static double[] lowVolumeNode(Bars bars, int t) {
        int from = t - PROFILE_BARS + 1;
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (int i = from; i <= t; i++) {
            lo = Math.min(lo, bars.low()[i]);
            hi = Math.max(hi, bars.high()[i]);
        }
        double binWidth = (hi - lo) / PROFILE_BINS;
        double[] profile = new double[PROFILE_BINS];
        for (int i = from; i <= t; i++) {
            int b0 = bin(bars.low()[i], lo, binWidth);
            int b1 = bin(bars.high()[i], lo, binWidth);
            double share = bars.volume()[i] / (b1 - b0 + 1);
            for (int b = b0; b <= b1; b++) {
                profile[b] += share;
            }
        }
        double mean = 0;
        for (double v : profile) {
            mean += v / PROFILE_BINS;
        }
        double close = bars.close()[t];
        int best = -1;
        int weakest = 1;
        for (int b = 1; b < PROFILE_BINS - 1; b++) {
            if (profile[b] < profile[weakest]) {
                weakest = b;
            }
            boolean node = profile[b] < profile[b - 1] && profile[b] < profile[b + 1] && profile[b] < 0.8 * mean;
            if (node && (best < 0 || Math.abs(close - center(b, lo, binWidth)) < Math.abs(close - center(best, lo, binWidth)))) {
                best = b;
            }
        }
        int node = best >= 0 ? best : weakest;
        double distance = Math.abs(close - center(node, lo, binWidth));
        double strength = Math.min(1, Math.max(0, 1 - profile[node] / mean));
        return new double[] {distance, strength};
    }

    private static int bin(double price, double lo, double binWidth) {
        return Math.min(PROFILE_BINS - 1, Math.max(0, (int) ((price - lo) / binWidth)));
    }

    private static double center(int bin, double lo, double binWidth) {
        return lo + (bin + 0.5) * binWidth;
    }

    /**
     * Three-bar fair value gaps. Bullish: low[t] > high[t-2]; bearish: high[t] < low[t-2].
     * A gap stays active until price trades through it or it is 24 bars (12 h) old.
     * Per bar: {bullish active 0/1, bearish active 0/1, nearest level}. The nearest level is
     * the midpoint of the active gap closest to the close; with none active, the most recent
     * gap's midpoint; with no gap seen yet, the close.
     */
    static double[][] fairValueGaps(Bars bars) {
        record Gap(boolean bullish, double bottom, double top, int bornAt) {
            double mid() {
                return (bottom + top) / 2;
            }
        }
        double[] h = bars.high();
        double[] l = bars.low();
        double[] c = bars.close();
        List<Gap> active = new ArrayList<>();
        Gap latest = null;
        double[][] out = new double[bars.size()][3];
        for (int t = 0; t < bars.size(); t++) {
            final int now = t;
            active.removeIf(g -> now - g.bornAt() > FVG_MAX_AGE_BARS
                    || (g.bullish() ? l[now] <= g.bottom() : h[now] >= g.top()));
            if (t >= 2 && l[t] > h[t - 2]) {
                latest = new Gap(true, h[t - 2], l[t], t);
                active.add(latest);
            }
            if (t >= 2 && h[t] < l[t - 2]) {
                latest = new Gap(false, h[t], l[t - 2], t);
                active.add(latest);
            }
            boolean bull = false;
            boolean bear = false;
            Gap nearest = null;
            for (Gap g : active) {
                bull |= g.bullish();
                bear |= !g.bullish();
                if (nearest == null || Math.abs(c[t] - g.mid()) < Math.abs(c[t] - nearest.mid())) {
                    nearest = g;
                }
            }
            out[t][0] = bull ? 1 : 0;
            out[t][1] = bear ? 1 : 0;
            out[t][2] = nearest != null ? nearest.mid() : latest != null ? latest.mid() : c[t];
        }
        return out;
    }
}
