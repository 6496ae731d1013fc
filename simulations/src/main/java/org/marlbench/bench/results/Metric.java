package org.marlbench.bench.results;

import java.util.function.Function;

/**
 * The metrics every comparison judges, with their unit and direction, read the same way from one
 * A/B round and from one whole run (a committed baseline's runs and the current one). Rates and
 * sidecar figures of a run need {@value #MIN_WINDOW_SECONDS} s of measured load: a rate over a few
 * sequential requests is a latency, and a sub-second window holds one or two 250 ms samples.
 */
public enum Metric {
    CLIENT_P50("client p50", "µs", true, RoundResult::clientP50Micros, s -> block(s.measured().client(), 50)),
    CLIENT_P95("client p95", "µs", true, RoundResult::clientP95Micros, s -> block(s.measured().client(), 95)),
    CLIENT_P99("client p99", "µs", true, RoundResult::clientP99Micros, s -> block(s.measured().client(), 99)),
    SERVER_TOTAL_P50("server total p50", "µs", true, RoundResult::serverTotalP50Micros, s -> block(s.measured().serverTotal(), 50)),
    SERVER_TOTAL_P95("server total p95", "µs", true, RoundResult::serverTotalP95Micros, s -> block(s.measured().serverTotal(), 95)),
    SERVER_TOTAL_P99("server total p99", "µs", true, RoundResult::serverTotalP99Micros, s -> block(s.measured().serverTotal(), 99)),
    SERVER_MODEL_P50("server model p50", "µs", true, RoundResult::serverModelP50Micros, s -> block(s.measured().serverModel(), 50)),
    SERVER_MODEL_P95("server model p95", "µs", true, RoundResult::serverModelP95Micros, s -> block(s.measured().serverModel(), 95)),
    SERVER_MODEL_P99("server model p99", "µs", true, RoundResult::serverModelP99Micros, s -> block(s.measured().serverModel(), 99)),
    THROUGHPUT("throughput", "ops/s", false, RoundResult::throughputPerSecond, Metric::throughput),
    CPU_PER_DECISION("server CPU per decision", "µs", true, RoundResult::cpuMicrosPerDecision, Metric::cpuPerDecision);

    public static final double MIN_WINDOW_SECONDS = 5.0;

    private final String label;
    private final String unit;
    private final boolean higherIsWorse;
    private final Function<RoundResult, Double> ofRound;
    private final Function<StatsFile, Double> ofRun;

    Metric(String label, String unit, boolean higherIsWorse, Function<RoundResult, Double> ofRound,
           Function<StatsFile, Double> ofRun) {
        this.label = label;
        this.unit = unit;
        this.higherIsWorse = higherIsWorse;
        this.ofRound = ofRound;
        this.ofRun = ofRun;
    }

    public String label() {
        return label;
    }

    public String unit() {
        return unit;
    }

    public boolean higherIsWorse() {
        return higherIsWorse;
    }

    /**
     * A tail percentile (p95, p99): judged and reported like the others, but too noisy per round for
     * an unresolved interval of its own to make a whole run inconclusive.
     */
    public boolean tail() {
        return label.endsWith("p95") || label.endsWith("p99");
    }

    /** The metric of a label ("client p50"), or null for the ones compared in points (error rate). */
    public static Metric byLabel(String label) {
        for (Metric m : values()) if (m.label.equals(label)) return m;
        return null;
    }

    /** The round's value, or null when the round had too few requests for it. */
    public Double of(RoundResult round) {
        return ofRound.apply(round);
    }

    /** The run's value, or null when the run does not support it (nothing measured, window too short). */
    public Double of(StatsFile run) {
        return run.measured() == null || run.measured().successes() == 0 ? null : ofRun.apply(run);
    }

    private static Double block(LatencyBlock b, int level) {
        if (b == null || b.count() < org.marlbench.bench.stats.SampleSizeRule.minimumSamples(level / 100.0)) return null;
        return (double) b.percentileMicros(level);
    }

    private static Double throughput(StatsFile s) {
        return s.windowSeconds() >= MIN_WINDOW_SECONDS ? s.measured().throughputPerSecond() : null;
    }

    private static Double cpuPerDecision(StatsFile s) {
        ResourceResult r = s.resources();
        if (r == null || s.windowSeconds() < MIN_WINDOW_SECONDS) return null;
        return r.cpuMeanPercent() / 100.0 * s.windowSeconds() * 1e6 / s.measured().successes();
    }
}
