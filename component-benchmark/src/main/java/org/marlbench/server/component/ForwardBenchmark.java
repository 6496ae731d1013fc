package org.marlbench.server.component;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.marlbench.server.Settings;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The engine part of one micro-batch of imported agents, the two ways the server can run them: the four
 * TorchScript modules as they are (3 agent calls + gating.pt), or copied into the seeded path's stacked
 * network (1 pass, gating in Java), as {@link StackedImport} does for plain Linear/ReLU files. Tells
 * whether the copy is worth it on this machine; {@code ComponentBenchmark -p source=...} measures the
 * whole decide().
 *
 * <p>In package {@code component} of the model server (a split package, fine on the class path) because
 * it drives package-private parts that have no public face: the server never exposes one forward pass.
 *
 * <pre>
 * java -jar component-benchmark/target/benchmarks.jar ForwardBenchmark          # from the repository root
 * java -jar component-benchmark/target/benchmarks.jar ForwardBenchmark -p dir=/abs/model -p batch=1
 * </pre>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m", "-DOPT_OUT_TRACKING=true"})
@State(Scope.Benchmark)
public class ForwardBenchmark {
    /** modules: the files as they are; stacked: copied into one stacked pass + Java gating (needs plain files). */
    @Param({"modules", "stacked"})
    public String path;

    @Param({"1", "4", "8"})
    public int batch;

    /** The seeded model exported (SPEC's default widths); any folder of the four files will do. */
    @Param({"model-server/src/test/resources/torchscript/seeded"})
    public String dir;

    private NDManager root;
    private TorchScriptModel model;
    private StackedForward.Weights weights;
    private Pass pass;

    /** One engine pass over the packed batch; results to the blackhole so the JIT keeps the Java gating. */
    private interface Pass {
        void run(Blackhole sink);
    }

    @Setup(Level.Trial)
    public void load() {
        Path folder = Path.of(dir).toAbsolutePath().normalize();
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException(folder + " is not a directory: run from the repository root or pass -p dir=/abs/path");
        }
        Settings settings = Settings.load();
        MatrixShape shape = MatrixShape.from(settings);
        List<AgentSpec> specs = AgentSpec.fromSettings(settings, shape);
        root = NativeEngine.load(settings.integer("model.engine.threads")).newBaseManager();
        model = TorchScriptModel.load(folder, specs, root, shape.columns());
        float[][] matrices = new float[batch][];
        SharedContext[] contexts = new SharedContext[batch];
        for (int i = 0; i < batch; i++) {
            matrices[i] = MarketMatrices.generate(1_000 + i, shape.rows(), shape.columns());
            contexts[i] = SharedContext.of(matrices[i], shape.rows(), shape.columns());
        }
        if (path.equals("modules")) {
            ScriptedAgents agents = new ScriptedAgents(model, batch, shape.columns());
            ScriptedGating gating = new ScriptedGating(model, batch);
            agents.pack(matrices, batch);
            gating.pack(matrices, batch, shape.rows(), shape.columns());
            pass = sink -> {
                sink.consume(agents.run(batch));
                sink.consume(gating.run(batch));
            };
        } else {
            StackedImport.Result imported = StackedImport.of(model, root, shape.columns());
            if (imported.parameters() == null || imported.gating() == null) {
                throw new IllegalArgumentException("path=stacked needs plain files: " + imported.agentsNote() + "; " + imported.gatingNote());
            }
            weights = new StackedForward.Weights(root, imported.parameters());
            StackedForward forward = new StackedForward(weights, root, batch, shape.rows(), shape.columns());
            forward.pack(matrices, batch);
            Gating javaGating = imported.gating();
            pass = sink -> {
                sink.consume(forward.run(batch));
                for (int i = 0; i < batch; i++) sink.consume(javaGating.weights(contexts[i]));
            };
        }
    }

    @Benchmark
    public void forward(Blackhole sink) {
        pass.run(sink);
    }

    @TearDown(Level.Trial)
    public void close() {
        if (weights != null) weights.close();
        model.close();
        root.close();
    }
}
