package org.marlbench.server.component;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Imported agents at the seeded path's speed: when every agent module is a plain Linear/ReLU stack, its
 * parameters are copied into the same {@link StackedForward} network the seeded model uses (one stacked
 * pass of 8 engine ops instead of 3 module calls; on this machine the per-op cost dominates, not the
 * FLOPs), and a plain Linear(6 -> 3) gating into {@link Gating} (Java, no engine call at all).
 *
 * <p>Reading parameters says nothing about the activations between them, so the copy is PROVEN at
 * start-up: the module itself and the copy run on the same inputs (realistic market matrices, plus
 * random ones at unit scale and at each column's scale with random signs, so every ReLU sees negative
 * inputs) and must agree to {@link #TOLERANCE}. Otherwise the modules run as they are
 * ({@link ScriptedAgents}, {@link ScriptedGating}), still one call per module per micro-batch.
 *
 * <p>Agents are all stacked or none (the stacked pass is one network; it also needs equal depths).
 */
final class StackedImport {
    /** Per request and agent: |copy - module| <= 1e-5 x max(1, largest |module logit|). */
    static final double TOLERANCE = 1e-5;
    static final int REALISTIC_INPUTS = 6;
    static final int RANDOM_INPUTS = 6;

    /**
     * @param parameters the agents as a stacked network (gating arrays = the gating's if {@code gating}
     *                   is non-null, else zeros, unused), or null: run the agent modules
     * @param gating     the gating in Java, or null: run gating.pt
     * @param agentsNote / gatingNote: how the copy was proven (largest difference) or why there is none
     */
    record Result(Parameters parameters, String agentsNote, Gating gating, String gatingNote) {
    }

    private StackedImport() {
    }

    static Result of(TorchScriptModel model, NDManager root, int cols) {
        float[][] matrices = proofMatrices(model.specs.get(0).rows(), cols);
        LinearChain gatingChain = null;
        String gatingNote;
        Gating gating = null;
        try {
            gatingChain = LinearChain.read(model.gating.parameters().values(), SharedContext.SIZE, 3);
            if (gatingChain.weights().length != 1) throw new IllegalArgumentException("it has " + gatingChain.weights().length + " layers, not 1");
            double diff = gatingDifference(model, gatingChain, matrices);
            if (!(diff <= TOLERANCE)) throw new IllegalArgumentException("its Java copy differs by " + fmt(diff) + " (relative) from the module");
            gating = new Gating(gatingChain.weights()[0], gatingChain.biases()[0]);
            gatingNote = "gating.pt read into Java as Linear(6 -> 3), proven to " + fmt(diff);
        } catch (IllegalArgumentException e) {
            gatingChain = null;
            gatingNote = "gating.pt runs as a module: " + e.getMessage();
        }
        Parameters parameters = null;
        String agentsNote;
        try {
            parameters = agentParameters(model, gatingChain);
            double diff = agentsDifference(model, parameters, root, matrices, cols);
            if (!(diff <= TOLERANCE)) {
                throw new IllegalArgumentException("the stacked copy differs by " + fmt(diff)
                        + " (relative) from the modules: not a plain Linear/ReLU stack");
            }
            agentsNote = "agents read into the stacked path (hidden widths " + widths(parameters) + "), proven to " + fmt(diff);
        } catch (IllegalArgumentException e) {
            parameters = null;
            agentsNote = "agents run as modules: " + e.getMessage();
        }
        return new Result(parameters, agentsNote, gating, gatingNote);
    }

    private static Parameters agentParameters(TorchScriptModel model, LinearChain gatingChain) {
        int n = model.agents.size();
        List<AgentSpec> specs = new ArrayList<>();
        float[][][] weights = new float[n][][];
        float[][][] biases = new float[n][][];
        for (int a = 0; a < n; a++) {
            AgentSpec configured = model.specs.get(a);
            LinearChain chain;
            try {
                chain = LinearChain.read(model.agents.get(a).parameters().values(), configured.inputWidth(), 3);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(model.agents.get(a).file.name() + ": " + e.getMessage());
            }
            specs.add(new AgentSpec(configured.name(), configured.columns(), chain.hidden(), configured.rows()));
            weights[a] = chain.weights();
            biases[a] = chain.biases();
        }
        for (AgentSpec s : specs) {
            if (s.hidden().length != specs.get(0).hidden().length) {
                throw new IllegalArgumentException("hidden layer counts differ (" + widths(specs) + "); the stacked pass needs equal depths");
            }
        }
        float[] gw = gatingChain != null ? gatingChain.weights()[0] : new float[SharedContext.SIZE * 3];
        float[] gb = gatingChain != null ? gatingChain.biases()[0] : new float[3];
        return new Parameters(0, List.copyOf(specs), weights, biases, gw, gb);
    }

    /** Largest relative difference between the stacked copy's logits and the modules' own. */
    private static double agentsDifference(TorchScriptModel model, Parameters p, NDManager root, float[][] matrices, int cols) {
        int batch = matrices.length;
        ScriptedAgents modules = new ScriptedAgents(model, batch, cols);
        float[] expected = modules.logits(matrices, batch);
        try (StackedForward.Weights w = new StackedForward.Weights(root, p)) {
            float[] actual = new StackedForward(w, root, batch, p.specs.get(0).rows(), cols).logits(matrices, batch);
            return largestDifference(expected, actual);
        }
    }

    private static double gatingDifference(TorchScriptModel model, LinearChain chain, float[][] matrices) {
        int batch = matrices.length;
        int rows = model.specs.get(0).rows();
        int cols = matrices[0].length / rows;
        SharedContext[] contexts = new SharedContext[batch];
        for (int b = 0; b < batch; b++) contexts[b] = SharedContext.of(matrices[b], rows, cols);
        float[] expected = new ScriptedGating(model, batch).logits(contexts, batch);
        float[] actual = new float[expected.length];
        float[] w = chain.weights()[0];
        float[] bias = chain.biases()[0];
        for (int b = 0; b < batch; b++) {
            float[] x = AgentInputs.context(contexts[b]);
            for (int j = 0; j < 3; j++) {
                double z = bias[j];
                for (int i = 0; i < x.length; i++) z += (double) x[i] * w[i * 3 + j];
                actual[b * 3 + j] = (float) z;
            }
        }
        return largestDifference(expected, actual);
    }

    /** max over rows of 3 of |a - e| / max(1, largest |e| of the row); NaN if anything is not finite. */
    static double largestDifference(float[] expected, float[] actual) {
        double worst = 0;
        for (int row = 0; row < expected.length; row += 3) {
            double scale = 1;
            for (int k = 0; k < 3; k++) scale = Math.max(scale, Math.abs(expected[row + k]));
            for (int k = 0; k < 3; k++) {
                double d = Math.abs((double) actual[row + k] - expected[row + k]) / scale;
                if (Double.isNaN(d)) return Double.NaN;
                worst = Math.max(worst, d);
            }
        }
        return worst;
    }

    /** Realistic matrices, then random ones: unit normal, and at each column's realistic scale with random signs. */
    static float[][] proofMatrices(int rows, int cols) {
        float[][] m = new float[REALISTIC_INPUTS + RANDOM_INPUTS][];
        for (int i = 0; i < REALISTIC_INPUTS; i++) m[i] = MarketMatrices.generate(9_000 + i, rows, cols);
        SplittableRandom rng = new SplittableRandom(9_100);
        for (int i = REALISTIC_INPUTS; i < m.length; i++) {
            boolean scaled = i % 2 == 1;
            float[] x = new float[rows * cols];
            for (int j = 0; j < x.length; j++) {
                double scale = scaled ? Math.abs(m[0][j]) + 1e-3 : 1;
                x[j] = (float) (gaussian(rng) * scale);
            }
            m[i] = x;
        }
        return m;
    }

    private static double gaussian(SplittableRandom rng) {
        double u = 1 - rng.nextDouble(); // (0, 1]
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    private static String widths(Parameters p) {
        return widths(p.specs);
    }

    private static String widths(List<AgentSpec> specs) {
        List<String> out = new ArrayList<>();
        for (AgentSpec s : specs) out.add(s.name() + " " + java.util.Arrays.toString(s.hidden()));
        return String.join(", ", out);
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.1e", d);
    }
}
