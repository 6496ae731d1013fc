package org.marlbench.feeders;

import java.util.SplittableRandom;

/**
 * Simulates 30-minute bars of an index future in one regime, so the indicator columns are
 * computed from a coherent price path (autocorrelated, not i.i.d. noise):
 * trending = drift plus noise, ranging = mean reversion around an anchor (Ornstein-Uhlenbeck
 * on log price), volatile = high, clustered volatility and bursty volume.
 * Volatility clusters in every regime (log-volatility is AR(1)).
 */
final class BarSimulator {
    static final double TICK = 0.25;

    private BarSimulator() {
    }

    static Bars simulate(Regime regime, int barCount, SplittableRandom rnd) {
        double basePrice = roundToTick(Gaussian.uniform(rnd, 3800, 5500));
        double direction = rnd.nextBoolean() ? 1 : -1;
        double sigmaBase;
        double drift;
        double reversion;
        double volStdTarget; // stationary std of the log relative-volume process
        double volLevel; // mean log relative volume
        double volOfVol;
        switch (regime) {
            case TRENDING -> {
                sigmaBase = Gaussian.uniform(rnd, 0.0012, 0.0024);
                drift = direction * Gaussian.uniform(rnd, 0.0008, 0.0016);
                reversion = 0;
                volStdTarget = Gaussian.uniform(rnd, 0.008, 0.026);
                volLevel = Gaussian.uniform(rnd, -0.05, 0.15);
                volOfVol = 0.06;
            }
            case RANGING -> {
                sigmaBase = Gaussian.uniform(rnd, 0.0010, 0.0020);
                drift = 0;
                reversion = Gaussian.uniform(rnd, 0.05, 0.12);
                volStdTarget = Gaussian.uniform(rnd, 0.008, 0.026);
                volLevel = Gaussian.uniform(rnd, -0.15, 0.0);
                volOfVol = 0.06;
            }
            case VOLATILE -> {
                sigmaBase = Gaussian.uniform(rnd, 0.0035, 0.0070);
                drift = direction * Gaussian.uniform(rnd, 0.0, 0.0008);
                reversion = 0;
                volStdTarget = Gaussian.uniform(rnd, 0.07, 0.14);
                volLevel = Gaussian.uniform(rnd, 0.05, 0.30);
                volOfVol = 0.12;
            }
            default -> throw new IllegalStateException(regime.name());
        }
        double baseVolume = Gaussian.uniform(rnd, 2000, 12000);
        double volPhi = 0.9;
        double volInnovation = volStdTarget * StrictMath.sqrt(1 - volPhi * volPhi);
        double hPhi = 0.95;
        double hInnovation = volOfVol * StrictMath.sqrt(1 - hPhi * hPhi);
        int burstBar = regime == Regime.VOLATILE ? barCount - 48 + rnd.nextInt(40) : -1;
        // a trend starts 20..60 bars before the window, not at the dawn of the warm-up
        int trendStart = barCount - 48 - rnd.nextInt(20, 61);

        double[] open = new double[barCount];
        double[] high = new double[barCount];
        double[] low = new double[barCount];
        double[] close = new double[barCount];
        double[] volume = new double[barCount];
        double[] volumeRatio = new double[barCount];

        double anchor = StrictMath.log(basePrice);
        double logPrice = anchor;
        double h = 0; // log-volatility deviation
        double a = volStdTarget * Gaussian.next(rnd); // log relative-volume deviation
        double prevClose = basePrice;
        for (int t = 0; t < barCount; t++) {
            h = hPhi * h + hInnovation * Gaussian.next(rnd);
            a = volPhi * a + volInnovation * Gaussian.next(rnd);
            if (t == burstBar) {
                a += Gaussian.uniform(rnd, 0.15, 0.35);
            }
            // busy bars move more: volatility follows volume activity
            double sigma = sigmaBase * StrictMath.exp(h + 0.8 * a);
            double ret = (t >= trendStart ? drift : 0) - reversion * (logPrice - anchor) + sigma * Gaussian.next(rnd);
            logPrice += ret;
            double c = roundToTick(StrictMath.exp(logPrice));
            double o = prevClose;
            double wickUp = Math.abs(Gaussian.next(rnd)) * sigma * 0.6 * c;
            double wickDown = Math.abs(Gaussian.next(rnd)) * sigma * 0.6 * c;
            open[t] = o;
            close[t] = c;
            high[t] = ceilToTick(Math.max(o, c) + wickUp);
            low[t] = floorToTick(Math.min(o, c) - wickDown);
            volume[t] = Math.rint(baseVolume * StrictMath.exp(volLevel + a + 0.3 * Gaussian.next(rnd)));
            volumeRatio[t] = StrictMath.exp(volLevel + a);
            prevClose = c;
        }
        return new Bars(open, high, low, close, volume, volumeRatio);
    }

    static double roundToTick(double price) {
        return Math.rint(price / TICK) * TICK;
    }

    static double ceilToTick(double price) {
        return Math.ceil(price / TICK) * TICK;
    }

    static double floorToTick(double price) {
        return Math.floor(price / TICK) * TICK;
    }
}
