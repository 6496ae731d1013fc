package org.marlbench.server.component;

import java.util.List;

/**
 * The imported agents run as their own TorchScript modules: one forward per module per micro-batch
 * (3 module calls, each ~8 engine ops plus the interpreter, against the seeded path's one stacked pass).
 * Used when the modules are not plain Linear/ReLU stacks (see {@link StackedImport}).
 *
 * <p>Not thread-safe: one per engine lane (its input buffers); the modules are shared.
 */
final class ScriptedAgents implements AgentForward {
    private final List<ScriptedModule> modules;
    private final List<AgentSpec> specs;
    private final RowBuffer[] inputs;
    private final float[][] rowScratch;
    private final int cols;
    private final int maxBatch;

    ScriptedAgents(TorchScriptModel model, int maxBatch, int cols) {
        this.modules = model.agents;
        this.specs = model.specs;
        this.cols = cols;
        this.maxBatch = maxBatch;
        this.inputs = new RowBuffer[modules.size()];
        this.rowScratch = new float[modules.size()][];
        for (int a = 0; a < inputs.length; a++) {
            inputs[a] = new RowBuffer(specs.get(a).inputWidth(), maxBatch);
            rowScratch[a] = new float[specs.get(a).inputWidth()];
        }
    }

    /** Copies each agent's column slice of the batch into this lane's input buffers (plain Java). */
    @Override
    public void pack(float[][] matrices, int batch) {
        if (batch < 1 || batch > maxBatch) throw new IllegalArgumentException("batch " + batch + " outside 1.." + maxBatch);
        for (int a = 0; a < inputs.length; a++) {
            for (int b = 0; b < batch; b++) {
                AgentInputs.slice(specs.get(a), matrices[b], cols, rowScratch[a]);
                inputs[a].put(b, rowScratch[a], 0);
            }
        }
    }

    /** The engine part: each module once over the first {@code batch} packed inputs. */
    @Override
    public float[] run(int batch) {
        float[] logits = new float[inputs.length * batch * 3];
        for (int a = 0; a < inputs.length; a++) {
            float[] out = modules.get(a).forward(inputs[a].rows(batch), batch);
            System.arraycopy(out, 0, logits, a * batch * 3, batch * 3);
        }
        return logits;
    }
}
