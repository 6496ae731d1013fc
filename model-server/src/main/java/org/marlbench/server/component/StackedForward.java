package org.marlbench.server.component;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;

/**
 * The three agents' MLPs as ONE stacked network, so a forward pass costs a handful of native calls
 * no matter the batch size. Agent a is slice a of every tensor: x [3, B, K0] @ W1 [3, K0, H1] ...
 *
 * <p>Biases are folded into the matmuls (homogeneous coordinate): every layer input carries a constant
 * 1 right after its real units and the weight row at that index holds the bias; hidden layers also pass
 * the 1 on (a weight of 1 to the next constant index, and ReLU(1) = 1). Widths are then zero-padded to
 * a multiple of {@link #ALIGN} (192+1 -> 200, 256+1 -> 264, 128+1 -> 136, 64+1 -> 72). So each hidden layer is matmul + relu and the head
 * one matmul: 4 matmuls + 3 relus + 1 tensor-from-buffer + 1 read-back = 9 native compute calls, plus
 * freeing the 8 temporaries when the per-forward sub-manager closes. The head's 3-way softmax is done
 * in Java by the caller (9 exps per request are cheaper than one more JNI round trip).
 *
 * <p>Narrower inputs (regime: 144) and hidden widths are zero-padded to the widest agent: padded weight
 * rows/columns are zero, so padded units stay 0 and contribute nothing.
 *
 * <p>Not thread-safe: each engine runner owns one instance (its input buffer); the weight tensors are
 * shared read-only between instances.
 */
final class StackedForward implements AgentForward {
    static final int AGENTS = 3;
    /**
     * Stacked widths are rounded up to a multiple of this (rows of 8 floats = 32 bytes, AVX-aligned).
     * On the busy shared machine, 1, 8, 16 and 32 measured within noise of each other (B=1 ~55-65 us);
     * 8 costs +8% weight memory over unaligned widths, 16 costs +18%. Re-measure on a quiet machine.
     */
    static final int ALIGN = 8;

    /** Weight tensors shared by all runners; closed by the component. */
    static final class Weights implements AutoCloseable {
        final NDManager manager;
        final PtNDArray[] layers;
        final int inputWidth; // K0: widest input + the constant 1, aligned
        final int constantIndex; // where the constant 1 sits in the input
        final List<AgentSpec> specs;

        Weights(NDManager root, Parameters p) {
            this(root, p, ALIGN);
        }

        Weights(NDManager root, Parameters p, int align) {
            this.specs = p.specs;
            this.manager = root.newSubManager();
            int depth = specs.get(0).layerWidths().length - 1;
            int[] widest = new int[depth + 1];
            for (AgentSpec s : specs) {
                int[] w = s.layerWidths();
                for (int l = 0; l <= depth; l++) widest[l] = Math.max(widest[l], w[l]);
            }
            // Width of each layer boundary in the stacked net: the widest agent, + the constant 1
            // (at index widest[l]), rounded up to a multiple of ALIGN with zeros.
            int[] stackedWidth = new int[depth + 1];
            for (int l = 0; l <= depth; l++) stackedWidth[l] = roundUp(widest[l] + 1, align);
            layers = new PtNDArray[depth];
            for (int l = 0; l < depth; l++) {
                boolean head = l == depth - 1;
                int rowsIn = stackedWidth[l];
                int colsOut = head ? AgentSpec.ACTIONS : stackedWidth[l + 1];
                int oneIn = widest[l];
                float[] stacked = new float[AGENTS * rowsIn * colsOut];
                for (int a = 0; a < AGENTS; a++) {
                    int[] w = specs.get(a).layerWidths();
                    int base = a * rowsIn * colsOut;
                    float[] weight = p.weights[a][l];
                    float[] bias = p.biases[a][l];
                    for (int i = 0; i < w[l]; i++) {
                        System.arraycopy(weight, i * w[l + 1], stacked, base + i * colsOut, w[l + 1]);
                    }
                    System.arraycopy(bias, 0, stacked, base + oneIn * colsOut, w[l + 1]);
                    if (!head) stacked[base + oneIn * colsOut + widest[l + 1]] = 1f; // pass the 1 on
                }
                layers[l] = (PtNDArray) manager.create(stacked, new Shape(AGENTS, rowsIn, colsOut));
            }
            inputWidth = stackedWidth[0];
            constantIndex = widest[0];
        }

        private static int roundUp(int n, int multiple) {
            return (n + multiple - 1) / multiple * multiple;
        }

        @Override
        public void close() {
            manager.close();
        }
    }

    private final Weights weights;
    private final NDManager root;
    private final int maxBatch;
    private final ByteBuffer input;
    private final int rows;
    private final int cols;

    StackedForward(Weights weights, NDManager root, int maxBatch, int rows, int cols) {
        this.weights = weights;
        this.root = root;
        this.maxBatch = maxBatch;
        this.rows = rows;
        this.cols = cols;
        // 64-byte aligned like PyTorch's own allocations, so every lane hits the same kernels
        // (alignment can change SIMD paths and with them the last bits of the result).
        // alignedSlice also rounds the end down to a 64-byte boundary: round the size up first, or a
        // small batch (maxBatch 1: 2400 bytes) can end up short of room.
        int bytes = (AGENTS * maxBatch * weights.inputWidth * Float.BYTES + 63) / 64 * 64;
        this.input = ByteBuffer.allocateDirect(bytes + 64).alignedSlice(64).order(ByteOrder.nativeOrder());
    }

    /** Copies each agent's column slice of the batch into this lane's input buffer (plain Java). */
    @Override
    public void pack(float[][] matrices, int batch) {
        if (batch < 1 || batch > maxBatch) throw new IllegalArgumentException("batch " + batch + " outside 1.." + maxBatch);
        int k0 = weights.inputWidth;
        FloatBuffer x = input.asFloatBuffer();
        float[] row = new float[k0];
        for (int a = 0; a < AGENTS; a++) {
            int[] columns = weights.specs.get(a).columns();
            for (int b = 0; b < batch; b++) {
                float[] m = matrices[b];
                java.util.Arrays.fill(row, 0f);
                int j = 0;
                for (int r = 0; r < rows; r++) {
                    int base = r * cols;
                    for (int c : columns) row[j++] = m[base + c];
                }
                row[weights.constantIndex] = 1f;
                x.put(row);
            }
        }
    }

    /** The engine part: the stacked pass over the first {@code batch} packed inputs (what the agent budget times). */
    @Override
    public float[] run(int batch) {
        if (batch < 1 || batch > maxBatch) throw new IllegalArgumentException("batch " + batch + " outside 1.." + maxBatch);
        int k0 = weights.inputWidth;
        ByteBuffer used = input.duplicate().order(ByteOrder.nativeOrder());
        used.position(0).limit(AGENTS * batch * k0 * Float.BYTES);
        used = used.slice().order(ByteOrder.nativeOrder());
        try (PtNDManager m = (PtNDManager) root.newSubManager()) {
            PtNDArray h = JniUtils.createNdFromByteBuffer(m, used, new Shape(AGENTS, batch, k0),
                    DataType.FLOAT32, SparseFormat.DENSE, Device.cpu());
            PtNDArray[] w = weights.layers;
            for (int l = 0; l < w.length; l++) {
                h = JniUtils.matmul(h, w[l]);
                if (l < w.length - 1) h = JniUtils.relu(h);
            }
            return h.toFloatArray();
        }
    }
}
