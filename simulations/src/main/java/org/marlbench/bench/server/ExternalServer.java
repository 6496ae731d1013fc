package org.marlbench.bench.server;

import java.time.Duration;

/** A server someone else runs (-DbaseUrl): we only check it answers /health with UP. */
public final class ExternalServer implements ServerTarget {
    private final String baseUrl;

    private ExternalServer(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public static ExternalServer attach(String baseUrl, Duration timeout) {
        String url = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        HealthCheck.awaitUp(url, timeout, () -> "the server at -DbaseUrl=" + url + " (started by you)");
        return new ExternalServer(url);
    }

    @Override
    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public boolean alive() {
        return HealthCheck.isUp(baseUrl);
    }

    @Override
    public String deathReport() {
        return alive() ? "" : "the external server at " + baseUrl + " no longer answers /health with UP";
    }

    @Override
    public String kind() {
        return "external";
    }

    @Override
    public void close() {
        // not ours to stop
    }
}
