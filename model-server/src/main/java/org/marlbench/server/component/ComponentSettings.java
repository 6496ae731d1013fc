package org.marlbench.server.component;

import java.nio.file.Path;
import java.util.List;
import org.marlbench.server.Settings;

/**
 * The model.* settings, read and range-checked once (a bad value fails with its key named, before
 * anything is built), then passed around as plain values.
 *
 * @param parametersFile  null when model.parametersFile is empty (initialise from the seed)
 * @param seedExplicit    model.seed was set, not left at its default (a parameters file overrides it: warn)
 */
public record ComponentSettings(
        MatrixShape shape,
        List<AgentSpec> agents,
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
        int runners) {

    /** @throws IllegalArgumentException with a one-line reason naming the key */
    public static ComponentSettings from(Settings s) {
        MatrixShape shape = MatrixShape.from(s);
        String file = s.string("model.parametersFile");
        return new ComponentSettings(
                shape,
                AgentSpec.fromSettings(s, shape),
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
                s.intInRange("model.engine.runners", 1, 64));
    }
}
