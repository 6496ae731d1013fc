package org.marlbench.bench.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The one place that reads benchmark settings. {@code benchmark.properties} holds every key with its
 * documented default; {@code -Dquick} overlays {@code benchmark-quick.properties}; then system
 * properties of the same names win. A system property in one of our namespaces that is not a known
 * key is a typo and fails; a bad value fails naming the key, the value and what was expected.
 */
public final class BenchProperties {
    static final String DEFAULTS = "/benchmark.properties";
    static final String QUICK = "/benchmark-quick.properties";
    /** System properties under these prefixes must be keys of benchmark.properties. */
    static final List<String> OWN_PREFIXES = List.of("baseline.", "history.", "trend.", "compare.", "warmup.", "bench.", "soak.",
            "capacity.");

    private final Properties values;
    private final boolean quick;

    private BenchProperties(Properties values, boolean quick) {
        this.values = values;
        this.quick = quick;
    }

    public static BenchProperties load(Properties system) {
        Properties merged = resource(DEFAULTS);
        boolean quick = isQuick(system);
        if (quick) merged.putAll(resource(QUICK));
        for (String key : system.stringPropertyNames()) {
            if (merged.containsKey(key)) {
                merged.setProperty(key, system.getProperty(key).trim());
            } else if (OWN_PREFIXES.stream().anyMatch(key::startsWith)) {
                throw new IllegalArgumentException("unknown benchmark property '" + key + "' (-D" + key
                        + "); the known keys and their defaults are in simulations/src/main/resources/benchmark.properties");
            }
        }
        return new BenchProperties(merged, quick);
    }

    /** {@code -Dquick} or {@code -Dquick=true} switch the quick profile on; {@code -Dquick=false} off. */
    static boolean isQuick(Properties system) {
        String value = system.getProperty("quick");
        return value != null && !value.trim().equalsIgnoreCase("false");
    }

    /** "quick" or "default": the profile baselines and histories are kept apart by. */
    public String profileName() {
        return quick ? "quick" : "default";
    }

    public String string(String key) {
        String v = values.getProperty(key);
        if (v == null) throw new IllegalArgumentException("benchmark property '" + key + "' is not defined in " + DEFAULTS);
        return v.trim();
    }

    /** The value, or null when it is empty (an optional setting left unset). */
    public String optional(String key) {
        String v = string(key);
        return v.isEmpty() ? null : v;
    }

    public String required(String key) {
        String v = string(key);
        if (v.isEmpty()) throw new IllegalArgumentException("benchmark property '" + key + "' is missing or empty");
        return v;
    }

    public long nonNegativeLong(String key) {
        String raw = required(key);
        try {
            long v = Long.parseLong(raw);
            if (v < 0) throw bad(key, raw, "a whole number >= 0");
            return v;
        } catch (NumberFormatException e) {
            throw bad(key, raw, "a whole number");
        }
    }

    public int nonNegativeInt(String key) {
        long v = nonNegativeLong(key);
        if (v > Integer.MAX_VALUE) throw bad(key, string(key), "a whole number <= " + Integer.MAX_VALUE);
        return (int) v;
    }

    public int positiveInt(String key) {
        int v = nonNegativeInt(key);
        if (v == 0) throw bad(key, string(key), "a whole number > 0");
        return v;
    }

    public int intAtLeast(String key, int min) {
        int v = nonNegativeInt(key);
        if (v < min) throw bad(key, string(key), "a whole number >= " + min);
        return v;
    }

    public double nonNegativeDouble(String key) {
        String raw = required(key);
        try {
            double v = Double.parseDouble(raw);
            if (!Double.isFinite(v) || v < 0) throw bad(key, raw, "a finite number >= 0");
            return v;
        } catch (NumberFormatException e) {
            throw bad(key, raw, "a number");
        }
    }

    public double positiveDouble(String key) {
        double v = nonNegativeDouble(key);
        if (v <= 0) throw bad(key, string(key), "a number > 0");
        return v;
    }

    public boolean bool(String key) {
        String v = required(key).toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("false")) return Boolean.parseBoolean(v);
        throw bad(key, string(key), "true or false");
    }

    /** An optional path, made absolute; null when empty. */
    public Path path(String key) {
        String v = optional(key);
        return v == null ? null : Path.of(v).toAbsolutePath().normalize();
    }

    public <E extends Enum<E>> E choice(String key, Class<E> type) {
        String raw = required(key);
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(raw)) return e;
        }
        StringBuilder names = new StringBuilder();
        for (E e : type.getEnumConstants()) names.append(names.length() == 0 ? "" : ", ").append(e.name().toLowerCase(Locale.ROOT));
        throw bad(key, raw, "one of " + names);
    }

    public static IllegalArgumentException bad(String key, String raw, String expected) {
        return new IllegalArgumentException("benchmark property '" + key + "' = '" + raw + "' is invalid: expected " + expected
                + " (set it with -D" + key + "=... or in benchmark.properties)");
    }

    private static Properties resource(String name) {
        Properties p = new Properties();
        try (InputStream in = BenchProperties.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("classpath resource " + name + " not found");
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + name + ": " + e.getMessage(), e);
        }
        return p;
    }
}
