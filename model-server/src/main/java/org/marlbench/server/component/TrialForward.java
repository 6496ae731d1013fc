package org.marlbench.server.component;

import java.util.Arrays;

/**
 * Start-up check of one loaded module by running it (shapes are not declared in a TorchScript file;
 * only a forward pass tells): a batch of realistic inputs must give one float32 [batch, 3] tensor of
 * finite logits, and each row's logits must not depend on the other rows of the batch (a batch norm
 * left in training mode would mix them, and the server batches unrelated requests together).
 * Every failure is an IllegalArgumentException naming the file and the contract.
 */
final class TrialForward {
    /** Same-row logits alone and in a batch may differ by kernel rounding, not more. */
    static final double BATCH_TOLERANCE = 1e-4;

    private TrialForward() {
    }

    /** @param inputs realistic rows of {@code module.contract.inputWidth()} values, at least 2 */
    static void check(ScriptedModule module, float[][] inputs) {
        ModuleContract c = module.contract;
        int batch = inputs.length;
        RowBuffer buffer = new RowBuffer(c.inputWidth(), batch);
        for (int b = 0; b < batch; b++) buffer.put(b, inputs[b], 0);
        float[] together = run(module, buffer, batch);
        for (int i = 0; i < together.length; i++) {
            if (!Float.isFinite(together[i])) {
                throw bad(module, "returned a non-finite logit (" + together[i] + ") for a realistic market matrix");
            }
        }
        for (int b = 0; b < batch; b++) {
            RowBuffer one = new RowBuffer(c.inputWidth(), 1);
            one.put(0, inputs[b], 0);
            float[] alone = run(module, one, 1);
            float[] inBatch = Arrays.copyOfRange(together, b * 3, b * 3 + 3);
            for (int k = 0; k < 3; k++) {
                if (Math.abs(alone[k] - inBatch[k]) > BATCH_TOLERANCE * Math.max(1, Math.abs(alone[k]))) {
                    throw bad(module, "row " + b + " of a batch of " + batch + " gives " + Arrays.toString(inBatch)
                            + " but alone " + Arrays.toString(alone) + ": its output depends on the other rows of the"
                            + " batch (batch norm in training mode? export after module.eval()), and the server batches"
                            + " unrelated requests together");
                }
            }
        }
    }

    private static float[] run(ScriptedModule module, RowBuffer buffer, int batch) {
        try {
            return module.forward(buffer.rows(batch), batch);
        } catch (IllegalStateException e) {
            throw bad(module, e.getMessage()); // wrong output type, dtype or shape: the message says which
        } catch (RuntimeException e) {
            throw bad(module, "a trial forward on float32 [" + batch + ", " + module.contract.inputWidth()
                    + "] failed: " + EngineMessages.essence(e));
        }
    }

    private static IllegalArgumentException bad(ScriptedModule module, String why) {
        return new IllegalArgumentException(module.file.path() + ": " + why + "; " + module.contract.expectation());
    }
}
