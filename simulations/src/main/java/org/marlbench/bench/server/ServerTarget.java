package org.marlbench.bench.server;

/** A server a simulation drives: one we started, or one someone else runs. */
public interface ServerTarget extends AutoCloseable {
    String baseUrl();

    /** The benchmark's own HTTP calls to it (health, probe, sidecar). */
    ServerClient client();

    /** True while the server can still be relied on. */
    boolean alive();

    /** Why it is not alive, for the failure message; empty when alive. */
    String deathReport();

    /** "managed", "reference build" or "external". */
    String kind();

    @Override
    void close();
}
