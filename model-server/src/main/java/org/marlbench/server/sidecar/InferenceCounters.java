package org.marlbench.server.sidecar;

/**
 * Inference counters the sidecar reports, supplied by whoever serves decisions (the HTTP layer),
 * so the sidecar does not depend on it. Implementations must be thread-safe and cheap.
 */
public interface InferenceCounters {
    /** Decision requests received so far (every status). */
    long requests();

    /** Decision requests answered with an error status (4xx/5xx) so far. */
    long errors();

    /** Decision requests being processed right now. */
    long inFlight();

    /** Decisions in which at least one agent fell back, as counted by the component. */
    long fallbacks();

    /**
     * NDArrays the engine holds right now (weights and the temporaries of passes running), or null when
     * unknown (no model loaded). A count that keeps growing under constant load is a native leak.
     */
    default Long nativeArrays() {
        return null;
    }

    /** Counters for a process that serves no decisions (all zero). */
    InferenceCounters NONE = new InferenceCounters() {
        public long requests() { return 0; }
        public long errors() { return 0; }
        public long inFlight() { return 0; }
        public long fallbacks() { return 0; }
    };
}
