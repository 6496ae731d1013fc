package org.marlbench.bench.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/** -DbaseUrl given: drive that server; otherwise start our own. */
public final class ServerTargets {
    private ServerTargets() {
    }

    public static ServerTarget open(Properties system, Path outputDir) {
        Duration timeout = Duration.ofSeconds(Long.parseLong(system.getProperty("bench.serverStartTimeoutSeconds", "120")));
        String baseUrl = system.getProperty("baseUrl");
        if (baseUrl != null && !baseUrl.isBlank()) {
            return ExternalServer.attach(baseUrl.trim(), Duration.ofSeconds(10));
        }
        return ManagedServer.start(ServerClasspath.resolve(), outputDir.resolve("server.log"), system, timeout);
    }
}
