package org.marlbench.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.marlbench.server.Settings;
import org.marlbench.server.component.Decision;
import org.marlbench.server.component.MarketMatrices;
import org.marlbench.server.component.MatrixShape;
import org.marlbench.server.component.StrategicComponent;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.infra.ThreadParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * {@link StrategicComponent#decide} in process, on 1, 2 and 4 threads sharing one component (the
 * threads' concurrent calls are micro-batched). JMH's sample mode gives the per-decision latency
 * percentiles (p0.50, p0.99, ... in the result table); the trial teardown prints what JMH cannot
 * know: decisions/s over the measurement iterations, the mean micro-batch size, fallbacks and RSS.
 *
 * <pre>
 * mvn -o -q -pl component-benchmark -am package -DskipTests
 * java -jar component-benchmark/target/benchmarks.jar
 * java -jar component-benchmark/target/benchmarks.jar -jvmArgsAppend -Dmodel.engine.runners=2   # any model.* key
 * </pre>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m", "-DOPT_OUT_TRACKING=true"})
@State(Scope.Benchmark)
public class ComponentBenchmark {
    /** Different matrices, so the JIT and the caches see varied data (a power of two: index by mask). */
    static final int MATRICES = 16;

    private StrategicComponent component;
    private float[][] matrices;

    private long iterationBatches;
    private long iterationRequests;
    private long iterationStartNanos;
    private long measuredBatches;
    private long measuredRequests;
    private long measuredNanos;

    /** Each thread walks the matrices from its own offset. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        @Setup
        public void start(ThreadParams thread) {
            next = thread.getThreadIndex() * 7;
        }
    }

    @Setup(Level.Trial)
    public void create() {
        Settings settings = Settings.load(); // -D model.* keys, as the server reads them
        component = StrategicComponent.create(settings);
        MatrixShape shape = component.shape();
        matrices = new float[MATRICES][];
        for (int i = 0; i < MATRICES; i++) matrices[i] = MarketMatrices.generate(1000 + i, shape.rows(), shape.columns());
    }

    @Setup(Level.Iteration)
    public void iterationStart() {
        iterationBatches = component.batchCount();
        iterationRequests = component.batchedRequestCount();
        iterationStartNanos = System.nanoTime();
    }

    /** Counts measurement iterations only: warm-up iterations run a cold JIT. */
    @TearDown(Level.Iteration)
    public void iterationEnd(IterationParams iteration) {
        if (iteration.getType() != IterationType.MEASUREMENT) return;
        measuredNanos += System.nanoTime() - iterationStartNanos;
        measuredBatches += component.batchCount() - iterationBatches;
        measuredRequests += component.batchedRequestCount() - iterationRequests;
    }

    @TearDown(Level.Trial)
    public void report(BenchmarkParams benchmark) {
        System.out.printf(Locale.ROOT, "%n%s, %d thread(s): %.0f decisions/s, mean micro-batch %.2f, fallbacks %d "
                        + "(time-budget fallbacks mean the machine was busy), process RSS %.1f MiB%n",
                benchmark.getBenchmark(), benchmark.getThreads(), measuredRequests / (measuredNanos / 1e9),
                measuredRequests / (double) Math.max(1, measuredBatches), component.fallbackCount(), rssBytes() / 1048576.0);
        component.close();
    }

    @Benchmark
    @Threads(1)
    public Decision oneThread(Cursor cursor) {
        return component.decide(matrices[cursor.next++ & (MATRICES - 1)]);
    }

    @Benchmark
    @Threads(2)
    public Decision twoThreads(Cursor cursor) {
        return component.decide(matrices[cursor.next++ & (MATRICES - 1)]);
    }

    /** More threads than the default single engine lane: shows the micro-batching at work. */
    @Benchmark
    @Threads(4)
    public Decision fourThreads(Cursor cursor) {
        return component.decide(matrices[cursor.next++ & (MATRICES - 1)]);
    }

    /** VmRSS of this (forked) JVM from /proc; -1 where there is none. */
    private static long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }
}
