package org.marlbench.server.component;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipFile;

/**
 * One TorchScript module loaded through DJL, run on a whole micro-batch per call: float32
 * [batch, inputWidth] in, [batch, 3] out. The forward goes straight through IValue (no DJL Block
 * bookkeeping) with autograd off (DJL's JNI wraps non-training calls in NoGradGuard).
 *
 * <p>Thread-safety: TorchScript modules may be run from several threads at once in inference; the
 * caller owns its input buffer.
 */
final class ScriptedModule implements AutoCloseable {
    final ModuleContract contract;
    final ModelFile file;
    private final PtNDManager manager;
    private final PtSymbolBlock block;

    private ScriptedModule(ModuleContract contract, ModelFile file, PtNDManager manager, PtSymbolBlock block) {
        this.contract = contract;
        this.file = file;
        this.manager = manager;
        this.block = block;
    }

    /** Loads the file; anything that is not a loadable TorchScript module is an IllegalArgumentException naming it. */
    static ScriptedModule load(NDManager root, Path path, ModuleContract contract) {
        ModelFile file = ModelFile.of(path);
        PtNDManager manager = (PtNDManager) root.newSubManager();
        try {
            PtSymbolBlock block = JniUtils.loadModule(manager, path, true, new String[0], new String[0], false);
            JniUtils.enableInferenceMode(block); // eval(): dropout off, batch norm on running statistics
            return new ScriptedModule(contract, file, manager, block);
        } catch (RuntimeException e) {
            manager.close();
            throw new IllegalArgumentException(path + " is not a TorchScript module (" + notTorchScriptBecause(path, e)
                    + "); " + contract.expectation(), e);
        }
    }

    /** The likely cause, in the reader's terms: the usual one is a .pth state dict copied instead of exported. */
    private static String notTorchScriptBecause(Path path, RuntimeException e) {
        try (ZipFile zip = new ZipFile(path.toFile())) {
            boolean code = zip.stream().anyMatch(z -> z.getName().contains("/code/"));
            boolean pickle = zip.stream().anyMatch(z -> z.getName().endsWith("/data.pkl"));
            if (pickle && !code) {
                return "it holds a pickled object without TorchScript code: a torch.save() file such as a .pth state dict;"
                        + " load the state dict into its module and export that with torch.jit.script";
            }
        } catch (IOException notZip) {
            return "not a zip archive, which every TorchScript file is";
        }
        return "PyTorch says: " + EngineMessages.essence(e);
    }

    /**
     * Runs forward on the first {@code batch} rows of {@code rows} (native-order float32, row-major,
     * [batch, inputWidth], direct). Returns batch x 3 logits, row-major. Throws whatever the engine throws,
     * or IllegalStateException if the module does not return one float32 tensor of batch x 3.
     */
    float[] forward(ByteBuffer rows, int batch) {
        try (PtNDManager m = (PtNDManager) manager.newSubManager()) {
            PtNDArray x = JniUtils.createNdFromByteBuffer(m, rows, new Shape(batch, contract.inputWidth()),
                    DataType.FLOAT32, SparseFormat.DENSE, Device.cpu());
            try (IValue in = IValue.from(x); IValue out = IValueUtils.forward(block, new IValue[] {in})) {
                if (!out.isTensor()) {
                    throw new IllegalStateException(file.name() + " returned " + out.getType() + ", not a tensor");
                }
                PtNDArray y = out.toTensor(m);
                if (y.getDataType() != DataType.FLOAT32) {
                    throw new IllegalStateException(file.name() + " returned " + y.getDataType() + ", not float32");
                }
                Shape shape = y.getShape();
                if (shape.dimension() != 2 || shape.get(0) != batch || shape.get(1) != ModuleContract.OUTPUTS) {
                    throw new IllegalStateException(file.name() + " returned shape " + shape + " for input ["
                            + batch + ", " + contract.inputWidth() + "], not [" + batch + ", " + ModuleContract.OUTPUTS + "]");
                }
                return y.toFloatArray();
            }
        }
    }

    /**
     * The module's parameters by name in registration order (as named_parameters() lists them), copied
     * to Java: name -> [shape..., values]. Empty for a frozen module (its weights are constants).
     */
    Map<String, NamedTensor> parameters() {
        Map<String, NamedTensor> out = new LinkedHashMap<>();
        try (PtNDManager m = (PtNDManager) manager.newSubManager()) {
            NDList list = JniUtils.moduleGetParams(block, m);
            for (NDArray p : list) {
                float[] values = p.getDataType() == DataType.FLOAT32 ? p.toFloatArray() : p.toType(DataType.FLOAT32, false).toFloatArray();
                out.put(p.getName(), new NamedTensor(p.getName(), p.getShape().getShape(), values));
            }
        }
        return out;
    }

    /** Number of parameter values (0 for a frozen module). */
    long parameterCount() {
        long n = 0;
        for (NamedTensor t : parameters().values()) n += t.values().length;
        return n;
    }

    /** A parameter copied out of the module: its dotted name, shape and values (row-major). */
    record NamedTensor(String name, long[] shape, float[] values) {
    }

    @Override
    public void close() {
        manager.close();
    }
}
