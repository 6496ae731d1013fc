package org.marlbench.server.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MicroBatcherTest {

    /** Throws a checked exception without declaring it, as a misbehaving native binding can. */
    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
        throw (T) t;
    }

    /**
     * Regression: anything thrown after requests left the queue but outside the old catch (here a
     * checked exception) left the other waiters of that batch spinning forever. Every dequeued waiter
     * must be completed, exceptionally.
     */
    @Test
    void everyWaiterOfAFailedBatchIsCompleted() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        MicroBatcher<Integer, Integer> batcher = new MicroBatcher<>(List.of(batch -> {
            if (calls.incrementAndGet() == 1) {
                sleep(300); // the others queue up meanwhile and become the next batch
                return new ArrayList<>(batch);
            }
            throw sneaky(new java.io.IOException("checked failure in the runner"));
        }), 8);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<Integer> first = pool.submit(() -> batcher.submit(0));
            sleep(50);
            List<Future<Integer>> others = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                int v = i;
                others.add(pool.submit(() -> batcher.submit(v)));
            }
            assertEquals(0, first.get(5, TimeUnit.SECONDS));
            for (Future<Integer> f : others) {
                ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                        () -> f.get(5, TimeUnit.SECONDS), "a waiter was left hanging");
                assertTrue(e.getCause() instanceof IllegalStateException, e.toString());
                assertTrue(e.getCause().getMessage().contains("checked failure"), e.getCause().getMessage());
            }
            assertEquals(4, batcher.requests());
        } finally {
            pool.shutdownNow();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
