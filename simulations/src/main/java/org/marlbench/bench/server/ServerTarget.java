package org.marlbench.bench.server;

/** The server a simulation drives: one we started, or one given by -DbaseUrl. */
public interface ServerTarget extends AutoCloseable {
    String baseUrl();

    /** True while the server can still be relied on (always true for an external one we do not watch). */
    boolean alive();

    /** Why it is not alive, for the failure message; empty when alive. */
    String deathReport();

    /** "managed" or "external". */
    String kind();

    @Override
    void close();
}
