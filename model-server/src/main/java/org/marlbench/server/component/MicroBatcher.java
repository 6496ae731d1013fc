package org.marlbench.server.component;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Micro-batching by flat combining, with no wait window: a caller enqueues its request and tries to
 * take a free engine lane; whoever holds a lane drains everything waiting (up to maxBatch) into ONE
 * batch, runs it, and completes the others' requests. An uncontended caller therefore runs its own
 * request at once on its own thread (no hand-off); under contention requests that arrive while the
 * engine is busy ride along in the next forward pass. Each lane's runner is used only under that
 * lane's lock, so a runner need not be thread-safe.
 */
final class MicroBatcher<I, O> {
    interface Runner<I, O> {
        /** One output per input, same order. Must not keep the list. */
        List<O> run(List<I> batch);
    }

    private static final long SAFETY_PARK_NANOS = 1_000_000;

    private static final class Request<I, O> {
        final I input;
        final Thread waiter = Thread.currentThread();
        O output;
        RuntimeException failure;
        volatile boolean done;

        Request(I input) {
            this.input = input;
        }
    }

    private final ConcurrentLinkedQueue<Request<I, O>> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock[] locks;
    private final List<Runner<I, O>> runners;
    private final int maxBatch;
    private final LongAdder batches = new LongAdder();
    private final LongAdder requests = new LongAdder();

    MicroBatcher(List<Runner<I, O>> runners, int maxBatch) {
        if (runners.isEmpty()) throw new IllegalArgumentException("need at least one runner");
        if (maxBatch < 1) throw new IllegalArgumentException("model.batch.maxSize must be >= 1");
        this.runners = List.copyOf(runners);
        this.maxBatch = maxBatch;
        this.locks = new ReentrantLock[runners.size()];
        for (int i = 0; i < locks.length; i++) locks[i] = new ReentrantLock();
    }

    O submit(I input) {
        Request<I, O> mine = new Request<>(input);
        queue.add(mine);
        while (!mine.done) {
            boolean ranAny = false;
            for (int lane = 0; lane < locks.length && !mine.done; lane++) {
                if (!locks[lane].tryLock()) continue;
                try {
                    runOnce(runners.get(lane));
                } finally {
                    locks[lane].unlock();
                }
                ranAny = true;
                wakeHead(); // someone still waiting becomes the next combiner
            }
            if (!mine.done && !ranAny) LockSupport.parkNanos(this, SAFETY_PARK_NANOS);
        }
        if (mine.failure != null) throw mine.failure;
        return mine.output;
    }

    /**
     * Drains up to maxBatch waiting requests and runs them as one batch. Once a request has left the
     * queue only this call can complete it, so everything after the first poll is inside the try and
     * the finally marks every dequeued request done (with a failure if anything at all went wrong,
     * including a checked exception thrown sneakily or an Error while building the batch).
     */
    private void runOnce(Runner<I, O> runner) {
        List<Request<I, O>> batch = new ArrayList<>(Math.min(maxBatch, 8));
        try {
            Request<I, O> next;
            while (batch.size() < maxBatch && (next = queue.poll()) != null) batch.add(next);
            if (batch.isEmpty()) return;
            List<I> inputs = new ArrayList<>(batch.size());
            for (Request<I, O> r : batch) inputs.add(r.input);
            List<O> outputs = runner.run(inputs);
            if (outputs.size() != batch.size()) {
                throw new IllegalStateException("runner returned " + outputs.size() + " results for " + batch.size());
            }
            for (int i = 0; i < batch.size(); i++) batch.get(i).output = outputs.get(i);
        } catch (Throwable e) {
            RuntimeException failure = e instanceof RuntimeException re ? re
                    : new IllegalStateException("batch failed: " + e, e);
            for (Request<I, O> r : batch) r.failure = failure;
        } finally {
            if (!batch.isEmpty()) {
                batches.increment();
                requests.add(batch.size());
            }
            Thread self = Thread.currentThread();
            for (Request<I, O> r : batch) {
                r.done = true;
                if (r.waiter != self) LockSupport.unpark(r.waiter);
            }
        }
    }

    private void wakeHead() {
        Request<I, O> head = queue.peek();
        if (head != null) LockSupport.unpark(head.waiter);
    }

    /** Forward passes run so far. */
    long batches() {
        return batches.sum();
    }

    /** Requests served so far (requests / batches = mean batch size). */
    long requests() {
        return requests.sum();
    }
}
