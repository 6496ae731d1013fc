package org.marlbench.bench.results;

/**
 * One metric of a comparison: reference and current values, the ratio current/reference with its
 * 95 % interval, the minimum detectable effect and the degrees of freedom the interval rests on,
 * the verdict label and the rule in words. Numbers are null where they do not apply.
 */
public record MetricVerdict(String metric, String unit, Double reference, Double current, Double ratio, Double ratioLow,
                            Double ratioHigh, Double mdePercent, Double degreesOfFreedom, String method, String verdict,
                            String rule) {

    public static MetricVerdict notEnoughData(String metric, String unit, Double reference, Double current, String why) {
        return new MetricVerdict(metric, unit, reference, current, null, null, null, null, null, null, "not enough data", why);
    }

    public Double changePercent() {
        return ratio == null ? null : (ratio - 1) * 100;
    }
}
