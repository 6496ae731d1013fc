package org.marlbench.bench.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.marlbench.bench.files.RepoRoot;

/**
 * Every setting of one benchmark JVM, read once from {@link BenchProperties} and validated: the
 * run's targets and sizes, warm-up, A/B comparison, the gate after the load, how the server is
 * reached, and the diagnostics (profiler, soak, capacity). {@code properties} keeps the raw values for the injection profile's parameters.
 */
public record BenchSettings(String profileName, BenchmarkConfig config, WarmupSettings warmup, CompareSettings compare,
                            GateSettings gate, LaunchSettings launch, DiagnosticsSettings diagnostics, Path repoRoot,
                            BenchProperties properties) {

    /** Settings handed to managed model servers unchanged. */
    static final java.util.List<String> SERVER_PREFIXES = java.util.List.of("server.", "model.", "sidecar.", "marl.", "testaid.");

    public static BenchSettings load(Properties system) {
        BenchProperties p = BenchProperties.load(system);
        BenchmarkConfig config = BenchmarkConfig.from(p);
        Path repoRoot = RepoRoot.find(p.path("bench.projectDir"), p.path("bench.outputDir"));
        LaunchSettings launch = LaunchSettings.from(p, serverProperties(system));
        return new BenchSettings(p.profileName(), config, WarmupSettings.from(p, config),
                CompareSettings.from(p, launch.baseUrl(), repoRoot), GateSettings.from(p, config, repoRoot), launch,
                DiagnosticsSettings.from(p), repoRoot, p);
    }

    /** This JVM's settings (system properties over the defaults). */
    public static BenchSettings load() {
        return load(System.getProperties());
    }

    static Map<String, String> serverProperties(Properties system) {
        Map<String, String> out = new TreeMap<>();
        for (String key : system.stringPropertyNames()) {
            if (SERVER_PREFIXES.stream().anyMatch(key::startsWith)) out.put(key, system.getProperty(key));
        }
        return out;
    }

    /** Where every simulation writes stats.json, comparison.json and server logs. */
    public Path outputRoot() {
        if (launch.outputDir() != null) return launch.outputDir();
        return repoRoot.resolve("simulations").resolve("target").resolve("benchmark");
    }

    /** thinkTimeMs: the single user's pause between two measured decisions (0 = back to back). */
    public long thinkTimeMs() {
        return properties.nonNegativeLong("thinkTimeMs");
    }
}
