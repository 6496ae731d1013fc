package org.marlbench.server.component;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32;

/**
 * Every weight and bias of the three agents and the gating network, in plain Java arrays (the
 * engine gets its own stacked copies). Weights of a layer are stored [in][out] row-major, so
 * {@code y[o] = b[o] + sum_i x[i] * w[i * out + o]}.
 *
 * <p>File format (big-endian, version 2): magic "MARLPRM1", int version, long seed, int agents;
 * per agent: UTF name, int rows, int column count, the column indices (ints), int layers, per layer
 * int in, int out, in*out floats, out floats; then gating: int 6, int 3, 18 floats, 3 floats; then a
 * CRC32 (long) of all preceding bytes. The column slice is recorded because two slices of the same
 * width (e.g. 0,1,9,10 and 2,3,4,5) fit the same weights but mean different inputs: a file whose
 * slices or widths differ from the configuration is rejected. Version 1 files (no slices) are rejected.
 */
final class Parameters {
    static final byte[] MAGIC = {'M', 'A', 'R', 'L', 'P', 'R', 'M', '1'};
    static final int VERSION = 2;
    static final double XAVIER_GAIN = 0.5;
    static final float HOLD_BIAS = 0.1f;
    static final int HOLD = Action.HOLD.ordinal();

    final long seed;
    final List<AgentSpec> specs;
    /** [agent][layer] weights and biases. */
    final float[][][] weights;
    final float[][][] biases;
    final float[] gatingWeight;
    final float[] gatingBias;

    Parameters(long seed, List<AgentSpec> specs, float[][][] weights, float[][][] biases,
                       float[] gatingWeight, float[] gatingBias) {
        this.seed = seed;
        this.specs = specs;
        this.weights = weights;
        this.biases = biases;
        this.gatingWeight = gatingWeight;
        this.gatingBias = gatingBias;
    }

    /**
     * Xavier-uniform (gain 0.5, bound = 0.5 sqrt(6 / (fan_in + fan_out)), fan_in the agent's real input
     * width), zero biases, +0.1 on the hold output bias; gating the same. One SplittableRandom drawn in
     * a fixed order (agent, layer, weight index; gating last) so a seed always gives the same numbers.
     */
    static Parameters initialise(List<AgentSpec> specs, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[][][] w = new float[specs.size()][][];
        float[][][] b = new float[specs.size()][][];
        for (int a = 0; a < specs.size(); a++) {
            int[] widths = specs.get(a).layerWidths();
            int layers = widths.length - 1;
            w[a] = new float[layers][];
            b[a] = new float[layers][];
            for (int l = 0; l < layers; l++) {
                w[a][l] = xavier(rng, widths[l], widths[l + 1]);
                b[a][l] = new float[widths[l + 1]];
            }
            b[a][layers - 1][HOLD] = HOLD_BIAS;
        }
        float[] gw = xavier(rng, SharedContext.SIZE, 3);
        float[] gb = new float[3];
        return new Parameters(seed, specs, w, b, gw, gb);
    }

    private static float[] xavier(SplittableRandom rng, int in, int out) {
        double bound = XAVIER_GAIN * Math.sqrt(6.0 / (in + out));
        float[] w = new float[in * out];
        for (int i = 0; i < w.length; i++) w[i] = (float) rng.nextDouble(-bound, bound);
        return w;
    }

    long count() {
        long n = gatingWeight.length + gatingBias.length;
        for (int a = 0; a < weights.length; a++) {
            for (int l = 0; l < weights[a].length; l++) n += weights[a][l].length + biases[a][l].length;
        }
        return n;
    }

    /** Writes atomically (temp file + move), so a crash never leaves a half-written file behind. */
    void save(Path file) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeLong(seed);
            out.writeInt(specs.size());
            for (int a = 0; a < specs.size(); a++) {
                out.writeUTF(specs.get(a).name());
                out.writeInt(specs.get(a).rows());
                out.writeInt(specs.get(a).columns().length);
                for (int c : specs.get(a).columns()) out.writeInt(c);
                int[] widths = specs.get(a).layerWidths();
                out.writeInt(widths.length - 1);
                for (int l = 0; l < widths.length - 1; l++) {
                    out.writeInt(widths[l]);
                    out.writeInt(widths[l + 1]);
                    writeFloats(out, weights[a][l]);
                    writeFloats(out, biases[a][l]);
                }
            }
            out.writeInt(SharedContext.SIZE);
            out.writeInt(3);
            writeFloats(out, gatingWeight);
            writeFloats(out, gatingBias);
            out.flush();
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeLong(crc.getValue());
            out.flush();
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
            try {
                Files.write(tmp, bytes.toByteArray());
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(tmp); // no half-written .tmp left behind
                throw e;
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write parameters file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a file written by {@link #save}; anything else is an IllegalArgumentException naming the file. */
    static Parameters load(Path file, List<AgentSpec> specs) {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read parameters file " + file + ": " + e.getMessage(), e);
        }
        if (all.length < MAGIC.length + 8 || !Arrays.equals(Arrays.copyOf(all, MAGIC.length), MAGIC)) {
            throw bad(file, "not a parameters file (magic header " + new String(MAGIC) + " missing)");
        }
        CRC32 crc = new CRC32();
        crc.update(all, 0, all.length - 8);
        long stored = java.nio.ByteBuffer.wrap(all, all.length - 8, 8).getLong();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(all, 0, all.length - 8))) {
            in.skipNBytes(MAGIC.length);
            int version = in.readInt();
            if (version != VERSION) {
                throw bad(file, "version " + version + (version == 1 ? " (written before column slices were recorded)" : "")
                        + ", this server reads version " + VERSION + "; delete it to re-create it from model.seed");
            }
            if (stored != crc.getValue()) throw bad(file, "checksum mismatch (file is truncated or corrupt)");
            long seed = in.readLong();
            int agents = in.readInt();
            if (agents != specs.size()) throw bad(file, agents + " agents, the configured model has " + specs.size());
            float[][][] w = new float[agents][][];
            float[][][] b = new float[agents][][];
            for (int a = 0; a < agents; a++) {
                AgentSpec spec = specs.get(a);
                String name = in.readUTF();
                if (!name.equals(spec.name())) throw bad(file, "agent " + a + " is '" + name + "', expected '" + spec.name() + "'");
                int fileRows = in.readInt();
                int[] fileColumns = new int[in.readInt()];
                if (fileColumns.length > 10_000) throw bad(file, "agent " + name + " has " + fileColumns.length + " columns");
                for (int c = 0; c < fileColumns.length; c++) fileColumns[c] = in.readInt();
                if (fileRows != spec.rows() || !Arrays.equals(fileColumns, spec.columns())) {
                    throw bad(file, "agent " + name + " was saved for columns " + Arrays.toString(fileColumns) + " of "
                            + fileRows + " rows, the configuration has model.agent." + name + ".columns="
                            + Arrays.toString(spec.columns()) + " of model.rows=" + spec.rows());
                }
                int[] widths = spec.layerWidths();
                int layers = in.readInt();
                if (layers != widths.length - 1) {
                    throw bad(file, "agent " + name + " has " + layers + " layers, the configured model has " + (widths.length - 1));
                }
                w[a] = new float[layers][];
                b[a] = new float[layers][];
                for (int l = 0; l < layers; l++) {
                    int fanIn = in.readInt();
                    int fanOut = in.readInt();
                    if (fanIn != widths[l] || fanOut != widths[l + 1]) {
                        throw bad(file, "agent " + name + " layer " + l + " is " + fanIn + "x" + fanOut
                                + ", the configured model needs " + widths[l] + "x" + widths[l + 1]);
                    }
                    w[a][l] = readFloats(in, fanIn * fanOut);
                    b[a][l] = readFloats(in, fanOut);
                }
            }
            int gIn = in.readInt();
            int gOut = in.readInt();
            if (gIn != SharedContext.SIZE || gOut != 3) throw bad(file, "gating is " + gIn + "x" + gOut + ", expected 6x3");
            float[] gw = readFloats(in, gIn * gOut);
            float[] gb = readFloats(in, gOut);
            if (in.available() != 0) throw bad(file, in.available() + " unexpected trailing bytes");
            return new Parameters(seed, specs, w, b, gw, gb);
        } catch (EOFException e) {
            throw bad(file, "truncated");
        } catch (IOException e) {
            throw bad(file, e.getMessage());
        }
    }

    private static IllegalArgumentException bad(Path file, String why) {
        return new IllegalArgumentException("invalid parameters file " + file + ": " + why);
    }

    private static void writeFloats(DataOutputStream out, float[] v) throws IOException {
        for (float f : v) out.writeFloat(f);
    }

    private static float[] readFloats(DataInputStream in, int n) throws IOException {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = in.readFloat();
            if (!Float.isFinite(v[i])) throw new IOException("non-finite parameter value");
        }
        return v;
    }
}
