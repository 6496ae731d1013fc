package org.marlbench.server.component;

import java.util.List;

/**
 * Which networks a component runs, for /health and the start-up log: a benchmark keys its baselines by
 * the source and the files' SHA-256, so a figure always says which weights produced it.
 *
 * @param files        the TorchScript files loaded (mlmi, nwrqk, regime, gating); empty for seeded
 * @param parameters   weights and biases of the three agents and the gating (a frozen module counts 0)
 * @param seed         the initialisation seed; null for torchscript (the files have none)
 * @param agentsRunAs  "stacked" (one stacked pass for the three agents) or "modules" (each file's own forward)
 * @param gatingRunsAs "java" (Linear(6 -> 3) on the request thread) or "module" (gating.pt, once per micro-batch)
 */
public record ModelInfo(ModelSource source, List<ModelFile> files, long parameters, Long seed,
                        String agentsRunAs, String gatingRunsAs) {
    public static final String STACKED = "stacked";
    public static final String MODULES = "modules";
    public static final String JAVA = "java";
    public static final String MODULE = "module";

    public ModelInfo {
        files = List.copyOf(files);
    }
}
