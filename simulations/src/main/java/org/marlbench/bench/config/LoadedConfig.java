package org.marlbench.bench.config;

import java.util.Properties;

/**
 * The configuration of one run plus where it came from: {@code profileName} is "default" or
 * "quick", {@code values} every merged key (injection parameters included).
 */
public record LoadedConfig(BenchmarkConfig config, String profileName, Properties values) {

    public InjectionProfile injection() {
        return InjectionProfile.from(values, config);
    }

    /** thinkTimeMs: the single user's pause between two measured decisions (0 = back to back). */
    public long thinkTimeMs() {
        return ConfigLoader.nonNegativeLong(values, "thinkTimeMs");
    }
}
