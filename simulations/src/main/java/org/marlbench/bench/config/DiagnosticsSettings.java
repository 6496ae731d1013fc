package org.marlbench.bench.config;

/**
 * Where the time and memory go: {@code profiler} (none | jfr: record the server under test with Java
 * Flight Recorder for the measured window), the soak run ({@code soak.*}: its length and the leak
 * limits) and the capacity search ({@code capacity.*}: stepped arrival rates).
 */
public record DiagnosticsSettings(Profiler profiler, int soakSeconds, double leakLimitMbPerHour, double leakLimitArraysPerHour,
                                  double capacityStartRate, double capacityStepRate, int capacitySteps, int capacityStepSeconds,
                                  int capacityRampSeconds, int capacityTargetP99Ms) {

    public enum Profiler { NONE, JFR }

    static DiagnosticsSettings from(BenchProperties p) {
        return new DiagnosticsSettings(p.choice("profiler", Profiler.class), p.positiveInt("soak.seconds"),
                p.positiveDouble("soak.leakLimitMbPerHour"), p.positiveDouble("soak.leakLimitArraysPerHour"),
                p.positiveDouble("capacity.startRate"), p.nonNegativeDouble("capacity.stepRate"), p.positiveInt("capacity.steps"),
                p.positiveInt("capacity.stepSeconds"), p.nonNegativeInt("capacity.rampSeconds"), p.positiveInt("capacity.targetP99Ms"));
    }

    /** The arrival rate of capacity step i (0-based). */
    public double capacityRate(int step) {
        return capacityStartRate + step * capacityStepRate;
    }

    /** The longest a capacity search can take, in seconds. */
    public int capacityMaxSeconds() {
        return capacitySteps * (capacityStepSeconds + capacityRampSeconds);
    }
}
