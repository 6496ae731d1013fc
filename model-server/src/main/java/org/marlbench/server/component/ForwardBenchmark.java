package org.marlbench.server.component;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.marlbench.server.Settings;

/**
 * The engine part of one micro-batch, imported agents run two ways: as their own TorchScript modules
 * (3 agent calls + 1 gating call) and copied into the stacked network (1 pass, gating in Java). Tells
 * whether {@link StackedImport} is worth it on this machine. Prints p50/p99 in microseconds per batch size.
 *
 * <pre>
 * mvn -o -q -pl model-server package -DskipTests
 * java -cp model-server/target/model-server.jar org.marlbench.server.component.ForwardBenchmark \
 *     model-server/src/test/resources/torchscript/seeded [passes]
 * </pre>
 */
public final class ForwardBenchmark {
    private ForwardBenchmark() {
    }

    interface Pass {
        void run(int batch);
    }

    public static void main(String[] args) {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        Path dir = Path.of(args[0]);
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        Settings settings = Settings.load();
        int rows = settings.integer("model.rows");
        int cols = settings.integer("model.columns");
        List<AgentSpec> specs = AgentSpec.fromSettings(settings);
        NDManager root = NativeEngine.load(settings.integer("model.engine.threads")).newBaseManager();
        int maxBatch = 8;
        float[][] matrices = new float[maxBatch][];
        SharedContext[] contexts = new SharedContext[maxBatch];
        for (int i = 0; i < maxBatch; i++) {
            matrices[i] = MarketMatrices.generate(1_000 + i, rows, cols);
            contexts[i] = SharedContext.of(matrices[i], rows, cols);
        }
        try (TorchScriptModel model = TorchScriptModel.load(dir, specs, root, cols)) {
            StackedImport.Result imported = StackedImport.of(model, root, cols);
            System.out.println(imported.agentsNote() + "; " + imported.gatingNote());
            ScriptedAgents agents = new ScriptedAgents(model, maxBatch, cols);
            ScriptedGating gating = new ScriptedGating(model, maxBatch);
            agents.pack(matrices, maxBatch);
            Pass modules = b -> {
                agents.run(b);
                gating.logits(contexts, b);
            };
            Pass stacked = null;
            StackedForward.Weights weights = null;
            if (imported.parameters() != null) {
                weights = new StackedForward.Weights(root, imported.parameters());
                StackedForward forward = new StackedForward(weights, root, maxBatch, rows, cols);
                forward.pack(matrices, maxBatch);
                Gating javaGating = imported.gating();
                stacked = b -> {
                    forward.run(b);
                    for (int i = 0; i < b; i++) javaGating.weights(contexts[i]);
                };
            }
            for (int batch : new int[] {1, 4, 8}) {
                report("modules (3 agents + gating.pt)", modules, batch, passes);
                if (stacked != null) report("stacked copy (1 pass + Java gating)", stacked, batch, passes);
            }
            if (weights != null) weights.close();
        } finally {
            root.close();
        }
    }

    private static void report(String what, Pass pass, int batch, int passes) {
        for (int i = 0; i < passes / 4; i++) pass.run(batch); // warm-up
        long[] ns = new long[passes];
        for (int i = 0; i < passes; i++) {
            long t0 = System.nanoTime();
            pass.run(batch);
            ns[i] = System.nanoTime() - t0;
        }
        Arrays.sort(ns);
        System.out.printf(Locale.ROOT, "batch %d  %-38s p50 %7.1f us  p99 %7.1f us%n", batch, what,
                ns[passes / 2] / 1e3, ns[(int) (passes * 0.99)] / 1e3);
    }
}
