package org.marlbench.server.component;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * A module's parameters read as a chain of Linear layers, in the order the module lists them: each a
 * weight [out, in] (PyTorch's layout) and an optional bias [out], each layer's input the previous one's
 * output. Only the parameters are read: what the module does between the layers (ReLU? tanh?) is not
 * visible here, which is why {@link StackedImport} proves the copy by running both.
 *
 * @param widths  layer boundaries, input first: e.g. [192, 256, 128, 64, 3]
 * @param weights per layer, [in][out] row-major (the server's layout, transposed from PyTorch's)
 * @param biases  per layer, [out] (zeros for a Linear without bias)
 */
record LinearChain(int[] widths, float[][] weights, float[][] biases) {

    /** @throws IllegalArgumentException saying why the parameters are not such a chain */
    static LinearChain read(Collection<ScriptedModule.NamedTensor> parameters, int inputWidth, int outputs) {
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException("it has no parameters (a frozen module keeps its weights as constants)");
        }
        List<ScriptedModule.NamedTensor> list = new ArrayList<>(parameters);
        List<Integer> widths = new ArrayList<>(List.of(inputWidth));
        List<float[]> weights = new ArrayList<>();
        List<float[]> biases = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            ScriptedModule.NamedTensor w = list.get(i);
            int in = widths.get(widths.size() - 1);
            if (!w.name().endsWith("weight") || w.shape().length != 2) {
                throw new IllegalArgumentException("parameter '" + w.name() + "' of shape " + Arrays.toString(w.shape())
                        + " is not a Linear weight [out, in]");
            }
            int out = (int) w.shape()[0];
            if (w.shape()[1] != in) {
                throw new IllegalArgumentException("parameter '" + w.name() + "' of shape " + Arrays.toString(w.shape())
                        + " does not take the previous layer's " + in + " outputs");
            }
            weights.add(transpose(w.values(), out, in));
            String prefix = w.name().substring(0, w.name().length() - "weight".length());
            ScriptedModule.NamedTensor b = i + 1 < list.size() ? list.get(i + 1) : null;
            if (b != null && b.name().equals(prefix + "bias")) {
                if (b.shape().length != 1 || b.shape()[0] != out) {
                    throw new IllegalArgumentException("parameter '" + b.name() + "' of shape " + Arrays.toString(b.shape())
                            + " is not the bias [" + out + "] of '" + w.name() + "'");
                }
                biases.add(b.values().clone());
                i++;
            } else {
                biases.add(new float[out]);
            }
            widths.add(out);
        }
        if (widths.get(widths.size() - 1) != outputs) {
            throw new IllegalArgumentException("its last layer has " + widths.get(widths.size() - 1) + " outputs, not " + outputs);
        }
        return new LinearChain(widths.stream().mapToInt(Integer::intValue).toArray(),
                weights.toArray(new float[0][]), biases.toArray(new float[0][]));
    }

    /** Hidden widths: the boundaries between input and output. */
    int[] hidden() {
        return Arrays.copyOfRange(widths, 1, widths.length - 1);
    }

    private static float[] transpose(float[] outByIn, int out, int in) {
        float[] t = new float[in * out];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) t[i * out + o] = outByIn[o * in + i];
        }
        return t;
    }
}
