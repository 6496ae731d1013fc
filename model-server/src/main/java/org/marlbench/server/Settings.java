package org.marlbench.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The one configuration of the model server: {@code model-server.properties} on the classpath
 * holds the documented defaults; a file named by {@code marl.config}, environment variables
 * ({@code MODEL_SEED}) and system properties ({@code -Dmodel.seed}) override it, in that order.
 * Only keys that exist in the defaults are recognised, so a typo fails loudly.
 */
public final class Settings {
    public static final String DEFAULTS_RESOURCE = "/model-server.properties";

    private final Properties values;
    /** Keys given explicitly (file, environment, system property, overrides), not left at the default. */
    private final java.util.Set<String> explicit;

    private Settings(Properties values, java.util.Set<String> explicit) {
        this.values = values;
        this.explicit = java.util.Set.copyOf(explicit);
    }

    /** True if the key was set explicitly rather than left at its documented default. */
    public boolean isSet(String key) {
        return explicit.contains(key);
    }

    /** Defaults, then the optional file, then environment, then system properties. */
    public static Settings load() {
        return load(System.getenv(), System.getProperties());
    }

    static Settings load(Map<String, String> env, Properties system) {
        Properties merged = defaults();
        java.util.Set<String> explicit = new java.util.HashSet<>();
        String file = system.getProperty("marl.config", env.get("MARL_CONFIG"));
        if (file != null && !file.isBlank()) {
            Properties fromFile = new Properties();
            try (Reader r = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
                fromFile.load(r);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read configuration file " + file + ": " + e.getMessage(), e);
            }
            for (String key : fromFile.stringPropertyNames()) {
                requireKnown(merged, key, file);
                merged.setProperty(key, fromFile.getProperty(key).trim());
                explicit.add(key);
            }
        }
        for (String key : merged.stringPropertyNames()) {
            String envValue = env.get(envName(key));
            if (envValue != null) {
                merged.setProperty(key, envValue.trim());
                explicit.add(key);
            }
            String sysValue = system.getProperty(key);
            if (sysValue != null) {
                merged.setProperty(key, sysValue.trim());
                explicit.add(key);
            }
        }
        return new Settings(merged, explicit);
    }

    /** Defaults overridden by the given pairs only (tests). Unknown keys are rejected. */
    public static Settings of(Map<String, String> overrides) {
        Properties merged = defaults();
        overrides.forEach((k, v) -> {
            requireKnown(merged, k, "overrides");
            merged.setProperty(k, v);
        });
        return new Settings(merged, overrides.keySet());
    }

    /** A copy with some keys replaced. */
    public Settings with(String key, Object value) {
        requireKnown(values, key, "with()");
        Properties copy = new Properties();
        copy.putAll(values);
        copy.setProperty(key, String.valueOf(value));
        java.util.Set<String> set = new java.util.HashSet<>(explicit);
        set.add(key);
        return new Settings(copy, set);
    }

    static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    private static Properties defaults() {
        Properties p = new Properties();
        try (InputStream in = Settings.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) throw new IllegalStateException(DEFAULTS_RESOURCE + " missing from the classpath");
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DEFAULTS_RESOURCE, e);
        }
        return p;
    }

    private static void requireKnown(Properties known, String key, String where) {
        if (!known.containsKey(key)) {
            throw new IllegalArgumentException("unknown configuration key '" + key + "' in " + where);
        }
    }

    public String string(String key) {
        String v = values.getProperty(key);
        if (v == null) throw new IllegalArgumentException("unknown configuration key '" + key + "'");
        return v.trim();
    }

    public int integer(String key) {
        try {
            return Integer.parseInt(string(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, got '" + string(key) + "'");
        }
    }

    public long longValue(String key) {
        try {
            return Long.parseLong(string(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, got '" + string(key) + "'");
        }
    }

    public double decimal(String key) {
        try {
            return Double.parseDouble(string(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, got '" + string(key) + "'");
        }
    }

    /** An integer in [min, max]; the message names the key and the range. */
    public int intInRange(String key, int min, int max) {
        return (int) longInRange(key, min, max);
    }

    /** A long in [min, max]; the message names the key and the range. */
    public long longInRange(String key, long min, long max) {
        long v = longValue(key);
        if (v < min || v > max) {
            throw new IllegalArgumentException(key + " must be between " + min + " and " + max + ", got " + v);
        }
        return v;
    }

    /** A finite number in [min, max]; the message names the key and the range. */
    public double decimalInRange(String key, double min, double max) {
        double v = decimal(key);
        if (!(v >= min && v <= max)) {
            throw new IllegalArgumentException(key + " must be between " + min + " and " + max + ", got " + string(key));
        }
        return v;
    }

    public boolean flag(String key) {
        String v = string(key).toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("false")) return Boolean.parseBoolean(v);
        throw new IllegalArgumentException(key + " must be true or false, got '" + string(key) + "'");
    }

    public int[] integers(String key) {
        String v = string(key);
        if (v.isEmpty()) return new int[0];
        try {
            return Arrays.stream(v.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a comma-separated list of integers, got '" + v + "'");
        }
    }

    /** Every effective key and value, for the start-up log. */
    public Map<String, String> asMap() {
        java.util.TreeMap<String, String> m = new java.util.TreeMap<>();
        for (String k : values.stringPropertyNames()) m.put(k, values.getProperty(k));
        return m;
    }
}
