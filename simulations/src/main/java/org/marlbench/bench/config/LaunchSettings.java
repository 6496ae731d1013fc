package org.marlbench.bench.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How the benchmark reaches its server: {@code baseUrl} (a server you started) or a managed one
 * started as a child JVM with {@code bench.server*}; where outputs go ({@code bench.outputDir});
 * and the server settings ({@code server.*}, {@code model.*}, {@code sidecar.*}, {@code marl.*}, {@code testaid.*})
 * given to this JVM, which managed servers receive as they are.
 */
public record LaunchSettings(String baseUrl, String serverHeap, String serverJvmArgs, String serverClasspath,
                             Duration startTimeout, Path outputDir, Path projectDir, Map<String, String> serverProperties) {

    static LaunchSettings from(BenchProperties p, Map<String, String> serverProperties) {
        String baseUrl = p.optional("baseUrl");
        return new LaunchSettings(baseUrl == null ? null : CompareSettings.trimSlash(baseUrl), p.required("bench.serverHeap"),
                p.string("bench.serverJvmArgs"), p.optional("bench.serverClasspath"),
                Duration.ofSeconds(p.positiveInt("bench.serverStartTimeoutSeconds")), p.path("bench.outputDir"),
                p.path("bench.projectDir"), Map.copyOf(serverProperties));
    }

    /** The bearer token the server requires ({@code -Dserver.authToken}), or null. */
    public String authToken() {
        String token = serverProperties.get("server.authToken");
        return token == null || token.isBlank() ? null : token.trim();
    }
}
