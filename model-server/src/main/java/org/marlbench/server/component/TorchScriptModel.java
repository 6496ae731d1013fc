package org.marlbench.server.component;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The imported agents (SPEC section 1, "Trained weights"): mlmi.pt, nwrqk.pt, regime.pt and gating.pt
 * from one folder, each loaded and checked by a trial forward, so a wrong file stops the start-up with
 * a message naming it and the shapes it must have, instead of failing the first request.
 */
final class TorchScriptModel implements AutoCloseable {
    /** Matrices of the trial forward: several, so batch-mixing shows; realistic, so the logits mean something. */
    static final int TRIAL_MATRICES = 4;
    /** The files a folder must hold, in load order (SPEC section 1, "Trained weights"). */
    static final List<String> FILES = List.of("mlmi.pt", "nwrqk.pt", "regime.pt", ModuleContract.GATING_FILE);

    final Path dir;
    /** mlmi, nwrqk, regime: in {@link StrategicComponent#AGENTS} order. */
    final List<ScriptedModule> agents;
    final ScriptedModule gating;
    final List<AgentSpec> specs;

    private TorchScriptModel(Path dir, List<ScriptedModule> agents, ScriptedModule gating, List<AgentSpec> specs) {
        this.dir = dir;
        this.agents = agents;
        this.gating = gating;
        this.specs = specs;
    }

    /**
     * @param specs the configured agents: their column slices fix the input widths (hidden widths are
     *              the files' business)
     * @throws IllegalArgumentException naming the file and the expected shapes, if anything is wrong
     */
    static TorchScriptModel load(Path dir, List<AgentSpec> specs, NDManager root, int cols) {
        List<ModuleContract> contracts = checkFolder(dir, specs);
        int rows = specs.get(0).rows();
        float[][] matrices = new float[TRIAL_MATRICES][];
        for (int i = 0; i < matrices.length; i++) matrices[i] = MarketMatrices.generate(7_000 + i, rows, cols);
        List<ScriptedModule> loaded = new ArrayList<>();
        try {
            for (ModuleContract c : contracts) {
                ScriptedModule m = ScriptedModule.load(root, dir.resolve(c.file()), c);
                loaded.add(m);
                float[][] inputs = new float[matrices.length][];
                int agent = loaded.size() - 1;
                for (int i = 0; i < matrices.length; i++) {
                    inputs[i] = agent < specs.size() ? AgentInputs.slice(specs.get(agent), matrices[i], cols)
                            : AgentInputs.context(matrices[i], rows, cols);
                }
                TrialForward.check(m, inputs);
            }
        } catch (RuntimeException e) {
            loaded.forEach(ScriptedModule::close);
            throw e;
        }
        return new TorchScriptModel(dir, List.copyOf(loaded.subList(0, 3)), loaded.get(3), specs);
    }

    /**
     * The cheap part of {@link #load}, without the engine: the folder exists and holds the four files.
     *
     * @throws IllegalArgumentException naming every missing file and the shapes it must have
     */
    static List<ModuleContract> checkFolder(Path dir, List<AgentSpec> specs) {
        List<ModuleContract> contracts = ModuleContract.all(specs);
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("model.torchscript.dir=" + dir + " is not a directory; it must hold "
                    + contracts.stream().map(ModuleContract::file).toList());
        }
        List<String> missing = new ArrayList<>();
        for (ModuleContract c : contracts) {
            if (!Files.isRegularFile(dir.resolve(c.file()))) missing.add(dir.resolve(c.file()) + " is missing: " + c.expectation());
        }
        if (!missing.isEmpty()) throw new IllegalArgumentException(String.join("\n", missing));
        return contracts;
    }

    /** The four files as loaded, with their SHA-256, in order mlmi, nwrqk, regime, gating. */
    List<ModelFile> files() {
        List<ModelFile> out = new ArrayList<>();
        for (ScriptedModule m : agents) out.add(m.file);
        out.add(gating.file);
        return out;
    }

    /** Parameter values in the four modules (a frozen module counts 0: its weights are constants). */
    long parameterCount() {
        long n = gating.parameterCount();
        for (ScriptedModule m : agents) n += m.parameterCount();
        return n;
    }

    @Override
    public void close() {
        for (ScriptedModule m : agents) m.close();
        gating.close();
    }
}
