package org.marlbench.bench.results;

/** How the load was shaped, as stats.json {@code injection}; fields that do not apply are null. */
public record Injection(String profile, int users, Integer durationSeconds, Integer rampSeconds, Double ratePerSecond,
                        Integer steps, Integer stepSeconds, Long thinkTimeMs, String description) {

    public static Injection sequential(String description, Long thinkTimeMs) {
        return new Injection("sequential", 1, null, null, null, null, null, thinkTimeMs, description);
    }
}
