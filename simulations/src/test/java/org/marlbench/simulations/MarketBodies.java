package org.marlbench.simulations;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.marlbench.feeders.MarketRecord;

/**
 * The feeder of the decision requests: the market matrices as pre-encoded request bodies,
 * handed out in a circle, shared by all users.
 *
 * <p>Why not Gatling's {@code feed()}: in Gatling 3.15 a feeder is an actor on another thread, so
 * every request pays a hop there and back (two thread wake-ups). At one user on this machine that
 * cost ~100 µs of client p50 (350 -> 253 µs without it, 2,150 -> 2,900 decisions/s; README,
 * "What moved the numbers"). Here the next body is taken on the user's own thread.
 */
final class MarketBodies {
    private final byte[][] bodies;
    private final AtomicLong next = new AtomicLong();

    private MarketBodies(byte[][] bodies) {
        this.bodies = bodies;
    }

    static MarketBodies circular(List<MarketRecord> records) {
        if (records.isEmpty()) throw new IllegalStateException("the market feed is empty");
        return new MarketBodies(records.stream()
                .map(r -> r.bodyJson().getBytes(StandardCharsets.UTF_8))
                .toArray(byte[][]::new));
    }

    /** The next body; after the last one, the first again. Thread-safe. */
    byte[] next() {
        return bodies[Math.floorMod(next.getAndIncrement(), bodies.length)];
    }

    int size() {
        return bodies.length;
    }
}
