package org.marlbench.server.component;

import java.nio.file.Path;
import java.util.List;
import org.marlbench.server.Settings;

/**
 * The model.* settings, read and range-checked once (a bad value fails with its key named, before
 * anything is built), then passed around as plain values.
 *
 * @param source          model.source: seeded, or the TorchScript files of model.torchscript.dir
 * @param torchscriptDir  the folder of mlmi.pt, nwrqk.pt, regime.pt and gating.pt; null for seeded
 * @param torchscriptStack model.torchscript.stack: plain Linear/ReLU agents, proven equal at start-up, run in
 *                        the seeded path's stacked pass (false: every file runs as its own module)
 * @param parametersFile  null when model.parametersFile is empty (initialise from the seed)
 * @param seedExplicit    model.seed was set, not left at its default (a parameters file overrides it: warn)
 * @param leakBytesPerDecision TEST AID testaid.leakBytesPerDecision, 0 = off ({@link LeakAid})
 * @param leakNativeArrayEvery TEST AID testaid.leakNativeArrayEvery, 0 = off ({@link LeakAid})
 */
public record ComponentSettings(
        MatrixShape shape,
        List<AgentSpec> agents,
        ModelSource source,
        Path torchscriptDir,
        boolean torchscriptStack,
        long seed,
        boolean seedExplicit,
        Path parametersFile,
        boolean saveParameters,
        double threshold,
        double fallbackThresholdFactor,
        long agentBudgetNanos,
        long totalBudgetNanos,
        int breakerFailures,
        long breakerOpenNanos,
        int maxBatch,
        int engineThreads,
        int runners,
        int leakBytesPerDecision,
        int leakNativeArrayEvery) {

    /** The model.* settings (and the component's test aids, testaid.leak*). @throws IllegalArgumentException with a one-line reason naming the key */
    public static ComponentSettings from(Settings s) {
        MatrixShape shape = MatrixShape.from(s);
        String file = s.string("model.parametersFile");
        ModelSource source = ModelSource.parse("model.source", s.string("model.source"));
        Path dir = torchscriptDir(s, source, file);
        return new ComponentSettings(
                shape,
                AgentSpec.fromSettings(s, shape),
                source,
                dir,
                s.flag("model.torchscript.stack"),
                s.longValue("model.seed"),
                s.isSet("model.seed"),
                file.isEmpty() ? null : Path.of(file),
                s.flag("model.saveParameters"),
                s.decimalInRange("model.threshold", 0, 1),
                s.decimalInRange("model.fallbackThresholdFactor", 0, 10),
                s.longInRange("model.budget.agentMs", 1, 3_600_000) * 1_000_000L,
                s.longInRange("model.budget.totalMs", 1, 3_600_000) * 1_000_000L,
                s.intInRange("model.breaker.failures", 1, 1_000_000),
                s.longInRange("model.breaker.openMs", 0, 86_400_000) * 1_000_000L,
                s.intInRange("model.batch.maxSize", 1, 1024),
                s.intInRange("model.engine.threads", 1, 256),
                s.intInRange("model.engine.runners", 1, 64),
                s.intInRange("testaid.leakBytesPerDecision", 0, 1 << 20),
                s.intInRange("testaid.leakNativeArrayEvery", 0, 1_000_000_000));
    }

    /** The folder for torchscript; a dir without that source (or a parameters file with it) is a mistake: say so. */
    private static Path torchscriptDir(Settings s, ModelSource source, String parametersFile) {
        String dir = s.string("model.torchscript.dir");
        if (source == ModelSource.SEEDED) {
            if (!dir.isEmpty()) {
                throw new IllegalArgumentException("model.torchscript.dir is set but model.source=seeded ignores it:"
                        + " set model.source=torchscript to load the files, or leave model.torchscript.dir empty");
            }
            return null;
        }
        if (dir.isEmpty()) {
            throw new IllegalArgumentException("model.source=torchscript needs model.torchscript.dir: the folder holding "
                    + String.join(", ", TorchScriptModel.FILES));
        }
        if (!parametersFile.isEmpty()) {
            throw new IllegalArgumentException("model.parametersFile applies to model.source=seeded only;"
                    + " with model.source=torchscript the weights are the files' own: leave it empty");
        }
        return Path.of(dir).toAbsolutePath().normalize();
    }
}
