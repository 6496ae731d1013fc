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
import org.marlbench.server.component.ModelInfo;
import org.marlbench.server.component.StrategicComponent;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
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
 * <p>{@code -p source=seeded,torchscript,torchscript-modules} runs the same decisions on each model
 * source back to back (same minutes, so their ratio survives a noisy machine): the seeded networks, the
 * TorchScript files of {@code torchscriptDir} as the server runs them (plain files copied into the
 * stacked pass), and the same files forced to run as modules (model.torchscript.stack=false).
 *
 * <pre>
 * mvn -o -q -pl component-benchmark -am package -DskipTests
 * java -jar component-benchmark/target/benchmarks.jar ComponentBenchmark
 * java -jar component-benchmark/target/benchmarks.jar ComponentBenchmark -jvmArgsAppend -Dmodel.engine.runners=2   # any model.* key
 * java -jar component-benchmark/target/benchmarks.jar ComponentBenchmark.oneThread -p source=seeded,torchscript,torchscript-modules
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

    /** seeded | torchscript (the files as the server runs them) | torchscript-modules (model.torchscript.stack=false). */
    @Param({"seeded"})
    public String source;

    /** The files for the torchscript sources; the default is the seeded model exported (SPEC's widths), from the repository root. */
    @Param({"model-server/src/test/resources/torchscript/seeded"})
    public String torchscriptDir;

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
        Settings settings = withSource(Settings.load()); // -D model.* keys, as the server reads them
        component = StrategicComponent.create(settings);
        MatrixShape shape = component.shape();
        matrices = new float[MATRICES][];
        for (int i = 0; i < MATRICES; i++) matrices[i] = MarketMatrices.generate(1000 + i, shape.rows(), shape.columns());
    }

    /** model.source and model.torchscript.* from the parameters (they win over -D values). */
    private Settings withSource(Settings settings) {
        if (source.equals("seeded")) return settings.with("model.source", "seeded").with("model.torchscript.dir", "");
        if (!source.equals("torchscript") && !source.equals("torchscript-modules")) {
            throw new IllegalArgumentException("-p source must be seeded, torchscript or torchscript-modules, got '" + source + "'");
        }
        Path dir = Path.of(torchscriptDir).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is not a directory: run from the repository root or pass -p torchscriptDir=/abs/path");
        }
        return settings.with("model.source", "torchscript").with("model.torchscript.dir", dir)
                .with("model.torchscript.stack", !source.equals("torchscript-modules"));
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
        ModelInfo model = component.model();
        System.out.printf(Locale.ROOT, "%n%s, %d thread(s), source %s (agents %s, gating %s): %.0f decisions/s, mean micro-batch %.2f,"
                        + " fallbacks %d (time-budget fallbacks mean the machine was busy), process RSS %.1f MiB%n",
                benchmark.getBenchmark(), benchmark.getThreads(), model.source().key(), model.agentsRunAs(), model.gatingRunsAs(),
                measuredRequests / (measuredNanos / 1e9),
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
