package org.marlbench.bench.config;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Reads {@code benchmark.properties}, overlays {@code benchmark-quick.properties} when
 * {@code -Dquick} is set, then lets system properties with the same key names win.
 * A value that is not a valid number fails with the key named.
 */
public final class ConfigLoader {
    static final String DEFAULTS = "/benchmark.properties";
    static final String QUICK = "/benchmark-quick.properties";

    private ConfigLoader() {
    }

    public static LoadedConfig load(Properties system) {
        Properties merged = resource(DEFAULTS);
        boolean quick = isQuick(system);
        if (quick) {
            merged.putAll(resource(QUICK));
        }
        for (String key : merged.stringPropertyNames()) {
            String override = system.getProperty(key);
            if (override != null) {
                merged.setProperty(key, override.trim());
            }
        }
        return new LoadedConfig(toConfig(merged), quick ? "quick" : "default", merged);
    }

    /** {@code -Dquick} or {@code -Dquick=true} switch the profile on; {@code -Dquick=false} off. */
    static boolean isQuick(Properties system) {
        String value = system.getProperty("quick");
        return value != null && !value.trim().equalsIgnoreCase("false");
    }

    static BenchmarkConfig toConfig(Properties p) {
        return new BenchmarkConfig(
                positiveInt(p, "targetP50Ms"),
                positiveInt(p, "targetP95Ms"),
                positiveInt(p, "targetP99Ms"),
                nonNegativeDouble(p, "minThroughputOps"),
                nonNegativeLong(p, "maxMemoryIncreaseMb"),
                nonNegativeDouble(p, "maxCpuPercent"),
                nonNegativeLong(p, "maxGpuMemoryMb"),
                nonNegativeInt(p, "warmupIterations"),
                positiveInt(p, "iterations"),
                positiveInt(p, "loadDurationSeconds"),
                positiveInt(p, "users"),
                nonNegativeDouble(p, "regressionThresholdPercent"));
    }

    static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("benchmark property '" + key + "' is missing or empty");
        }
        return v.trim();
    }

    static int positiveInt(Properties p, String key) {
        int v = nonNegativeInt(p, key);
        if (v == 0) {
            throw bad(key, p.getProperty(key), "a whole number > 0");
        }
        return v;
    }

    static int nonNegativeInt(Properties p, String key) {
        long v = nonNegativeLong(p, key);
        if (v > Integer.MAX_VALUE) throw bad(key, required(p, key), "a whole number <= " + Integer.MAX_VALUE);
        return (int) v;
    }

    static long nonNegativeLong(Properties p, String key) {
        String raw = required(p, key);
        try {
            long v = Long.parseLong(raw);
            if (v < 0) throw bad(key, raw, "a whole number >= 0");
            return v;
        } catch (NumberFormatException e) {
            throw bad(key, raw, "a whole number");
        }
    }

    static double nonNegativeDouble(Properties p, String key) {
        String raw = required(p, key);
        try {
            double v = Double.parseDouble(raw);
            if (!Double.isFinite(v) || v < 0) throw bad(key, raw, "a finite number >= 0");
            return v;
        } catch (NumberFormatException e) {
            throw bad(key, raw, "a number");
        }
    }

    static IllegalArgumentException bad(String key, String raw, String expected) {
        return new IllegalArgumentException(
                "benchmark property '" + key + "' = '" + raw + "' is invalid: expected " + expected
                        + " (set it with -D" + key + "=... or in benchmark.properties)");
    }

    private static Properties resource(String name) {
        Properties p = new Properties();
        try (InputStream in = ConfigLoader.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("classpath resource " + name + " not found");
            p.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + name + ": " + e.getMessage(), e);
        }
        return p;
    }
}
