package org.marlbench.bench.server;

import java.time.Duration;

/** A server someone else runs (-DbaseUrl, -Dcompare.baseUrl): we only check that it answers /health with UP. */
public final class ExternalServer implements ServerTarget {
    private final ServerClient client;

    private ExternalServer(ServerClient client) {
        this.client = client;
    }

    /** @param property the setting that named it, for the error message ("-DbaseUrl") */
    public static ExternalServer attach(String baseUrl, String authToken, String property, Duration timeout) {
        ServerClient client = new ServerClient(baseUrl, authToken);
        client.awaitUp(timeout, () -> "the server at " + property + "=" + baseUrl + " (started by you)");
        return new ExternalServer(client);
    }

    @Override
    public String baseUrl() {
        return client.baseUrl();
    }

    @Override
    public ServerClient client() {
        return client;
    }

    @Override
    public boolean alive() {
        return client.isUp();
    }

    @Override
    public String deathReport() {
        return alive() ? "" : "the external server at " + baseUrl() + " no longer answers /health with UP";
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
