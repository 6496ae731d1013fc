package org.marlbench.server.component;

import java.util.Arrays;
import java.util.List;

/**
 * What one TorchScript file must be (SPEC section 1), in words for error messages: its name, its
 * input width and what the input and the 3 outputs mean.
 */
record ModuleContract(String file, int inputWidth, String input, String output) {
    static final int OUTPUTS = 3;
    static final String GATING_FILE = "gating.pt";

    static ModuleContract agent(AgentSpec spec) {
        return new ModuleContract(spec.name() + ".pt", spec.inputWidth(),
                "columns " + Arrays.toString(spec.columns()) + " of all " + spec.rows()
                        + " rows, flattened row by row (model.agent." + spec.name() + ".columns)",
                "the head's logits for [buy, hold, sell], before softmax");
    }

    static ModuleContract gating() {
        return new ModuleContract(GATING_FILE, SharedContext.SIZE,
                "the shared context: volatility_30, volume_ratio, momentum_20, momentum_50, mmd_score, price_trend",
                "logits for [mlmi, nwrqk, regime], before the context biases");
    }

    /** The four contracts in file order: the agents', then the gating's. */
    static List<ModuleContract> all(List<AgentSpec> specs) {
        return List.of(agent(specs.get(0)), agent(specs.get(1)), agent(specs.get(2)), gating());
    }

    /** The sentence every start-up error about this file ends with. */
    String expectation() {
        return "expected a TorchScript module (torch.jit.script(module).save(...)) whose forward takes float32 [batch, "
                + inputWidth + "] (" + input + ") and returns float32 [batch, " + OUTPUTS + "] (" + output + ")";
    }
}
