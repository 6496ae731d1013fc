package org.marlbench.server.component;

import ai.djl.engine.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Building a ready component: the networks (model.source=seeded: the parameters loaded from
 * model.parametersFile, or initialised from the seed and saved when asked; torchscript: the four files,
 * checked, see {@link Networks#torchscript}), the engine, then a warm-up so the first real request runs warm. Closing
 * is the component's own (it must wait for running decisions first).
 */
final class ComponentLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(ComponentLifecycle.class);

    /** Warm-up: passes per batch size per lane, then whole decisions (enough for C2 to compile the Java path). */
    static final int WARM_FORWARD_PASSES = 3;
    static final int WARM_DECISIONS = 400;

    private ComponentLifecycle() {
    }

    static StrategicComponent create(ComponentSettings s) {
        if (s.source() == ModelSource.TORCHSCRIPT) {
            TorchScriptModel.checkFolder(s.torchscriptDir(), s.agents()); // a missing file fails before the engine loads
        }
        Parameters parameters = s.source() == ModelSource.SEEDED ? loadOrInitialise(s) : null;
        Engine engine = NativeEngine.load(s.engineThreads());
        Networks networks = parameters != null ? Networks.seeded(engine, parameters) : Networks.torchscript(engine, s);
        StrategicComponent component;
        try {
            component = new StrategicComponent(s, networks, engine);
        } catch (RuntimeException | Error e) {
            networks.close();
            throw e;
        }
        try {
            warmUp(component, s);
        } catch (RuntimeException | Error e) {
            component.close(); // free the native weights of a component nobody will get
            throw e;
        }
        return component;
    }

    /** The file's parameters when it exists, else the seed's (written to the file if model.saveParameters). */
    static Parameters loadOrInitialise(ComponentSettings s) {
        Path file = s.parametersFile();
        if (file != null && Files.exists(file)) {
            Parameters parameters = Parameters.load(file, s.agents());
            LOG.info("parameters loaded from {} (seed {})", file, parameters.seed);
            if (s.seedExplicit() && s.seed() != parameters.seed) {
                LOG.warn("model.seed={} is ignored: the parameters file {} wins (its seed is {})", s.seed(), file, parameters.seed);
            }
            return parameters;
        }
        Parameters parameters = Parameters.initialise(s.agents(), s.seed());
        LOG.info("parameters initialised from seed {} (Xavier-uniform, gain {})", s.seed(), Parameters.XAVIER_GAIN);
        if (file != null && s.saveParameters()) {
            parameters.save(file);
            LOG.info("parameters saved to {}", file);
        }
        return parameters;
    }

    /**
     * Gets the first real request onto the warm path: realistic matrices (all-zero ones would not do:
     * the Java packing and context code must see real data), every batch size on every lane (PyTorch
     * prepares its kernels per shape, and sequential calls would only ever use lane 0), then whole
     * decisions so the JIT compiles the Java arithmetic. Slow warm-up passes must not leave a breaker
     * open or count as fallbacks, so both are reset afterwards.
     */
    private static void warmUp(StrategicComponent c, ComponentSettings s) {
        long t0 = System.nanoTime();
        int maxBatch = s.maxBatch();
        float[][] matrices = new float[maxBatch][];
        for (int i = 0; i < maxBatch; i++) matrices[i] = MarketMatrices.generate(1_000 + i, s.shape().rows(), s.shape().columns());
        for (int pass = 0; pass < WARM_FORWARD_PASSES; pass++) {
            for (EngineLane lane : c.lanes()) {
                for (int b = 1; b <= maxBatch; b++) {
                    lane.pack(matrices, b);
                    lane.agents().run(b);
                    if (lane.gating() != null) lane.gating().run(b);
                }
            }
        }
        for (int i = 0; i < WARM_DECISIONS; i++) c.decide(matrices[i % maxBatch]);
        c.resetAfterWarmUp();
        LOG.info("warm-up done in {} ms ({} lanes x batch sizes 1..{} x {} passes, then {} decisions)",
                (System.nanoTime() - t0) / 1_000_000, c.lanes().size(), maxBatch, WARM_FORWARD_PASSES, WARM_DECISIONS);
    }
}
