package org.marlbench.feeders;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Column names, documented ranges and the fixed decimals each column is written with. */
public final class Columns {
    public static final String[] NAMES = {
        "mlmi_value", "mlmi_signal", "nwrqk_value", "nwrqk_slope", "lvn_distance", "lvn_strength",
        "fvg_bullish_active", "fvg_bearish_active", "fvg_nearest_level", "momentum_20", "momentum_50",
        "volatility_30", "volume_ratio",
    };
    /** Price-like columns (2, 4, 8) carry cents; everything else 5 decimals; flags are 0/1. */
    public static final int[] DECIMALS = {5, 5, 2, 5, 2, 5, 0, 0, 2, 5, 5, 5, 5};
    public static final int FVG_BULLISH = 6;
    public static final int FVG_BEARISH = 7;
    public static final int VOLATILITY_30 = 11;
    public static final int VOLUME_RATIO = 12;

    private Columns() {
    }

    static double round(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_EVEN).doubleValue();
    }

    /** Plain decimal text, no exponent, no trailing zeros: 0.00123, 4512.5, 1, -0.0421. */
    static String format(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }
}
