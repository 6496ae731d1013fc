package org.marlbench.server.component;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import org.marlbench.server.Settings;

/**
 * In-process benchmark of {@link StrategicComponent#decide}: warm-up, then a fixed number of
 * decisions per thread on 1, 2 and 4 threads over 16 different matrices; prints p50/p99/max
 * latency in microseconds, decisions/s, mean micro-batch size and the process RSS.
 *
 * <pre>
 * mvn -o -q -pl model-server package -DskipTests
 * java -cp model-server/target/model-server.jar org.marlbench.server.component.ComponentBenchmark [decisionsPerThread]
 * </pre>
 * Settings come from the usual places (e.g. -Dmodel.engine.runners=2).
 */
public final class ComponentBenchmark {
    private ComponentBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int perThread = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        // Without a logback.xml everything logs at DEBUG; keep the report readable.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.INFO);
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("ai.djl"))
                .setLevel(ch.qos.logback.classic.Level.ERROR);
        Settings settings = Settings.load();
        long t0 = System.nanoTime();
        try (StrategicComponent c = StrategicComponent.create(settings)) {
            System.out.printf(Locale.ROOT, "engine %s %s, %d parameters, seed %d, runners %s, start-up %.0f ms%n",
                    c.engineName(), c.engineVersion(), c.parameterCount(), c.seed(),
                    settings.string("model.engine.runners"), (System.nanoTime() - t0) / 1e6);
            int rows = settings.integer("model.rows");
            int cols = settings.integer("model.columns");
            float[][] matrices = new float[16][];
            for (int i = 0; i < matrices.length; i++) matrices[i] = MarketMatrices.generate(1000 + i, rows, cols);
            run(c, matrices, 1, Math.max(2000, perThread / 2), false); // warm-up (JIT)
            System.out.printf(Locale.ROOT, "after warm-up: process RSS %.1f MiB%n", rssBytes() / 1048576.0);
            // 1 and 2 threads are the targets; 4 threads on 2 lanes shows the micro-batching at work.
            for (int threads : new int[] {1, 2, 4}) run(c, matrices, threads, perThread, true);
            System.out.printf(Locale.ROOT, "fallbacks %d (time-budget fallbacks mean the machine was busy), "
                    + "process RSS %.1f MiB%n", c.fallbackCount(), rssBytes() / 1048576.0);
        }
    }

    private static void run(StrategicComponent c, float[][] matrices, int threads, int perThread, boolean print)
            throws InterruptedException {
        long[][] latencies = new long[threads][perThread];
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        long batchesBefore = c.batchCount();
        long requestsBefore = c.batchedRequestCount();
        for (int t = 0; t < threads; t++) {
            long[] mine = latencies[t];
            int offset = t * 7;
            Thread w = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    float[] m = matrices[(i + offset) % matrices.length];
                    long s = System.nanoTime();
                    c.decide(m);
                    mine[i] = System.nanoTime() - s;
                }
            }, "bench-" + t);
            workers.add(w);
            w.start();
        }
        long wallStart = System.nanoTime();
        start.countDown();
        for (Thread w : workers) w.join();
        long wall = System.nanoTime() - wallStart;
        if (!print) return;
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        double batches = c.batchCount() - batchesBefore;
        double requests = c.batchedRequestCount() - requestsBefore;
        System.out.printf(Locale.ROOT,
                "threads %d: %d decisions, p50 %.1f us, p99 %.1f us, max %.1f us, %.0f decisions/s, mean batch %.2f%n",
                threads, all.length, pct(all, 0.50) / 1e3, pct(all, 0.99) / 1e3, all[all.length - 1] / 1e3,
                all.length / (wall / 1e9), requests / batches);
    }

    private static long pct(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    private static long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        } catch (Exception e) {
            // not Linux: fall through
        }
        return -1;
    }
}
