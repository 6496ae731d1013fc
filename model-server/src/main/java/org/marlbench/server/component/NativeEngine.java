package org.marlbench.server.component;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.Utils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads DJL's PyTorch engine once, configured for this workload: telemetry off, one intra-op and
 * one inter-op thread (at 48x13 inputs the per-op overhead dominates; a thread pool only adds
 * hand-offs). The system properties are read by DJL 0.36 when the engine class first loads:
 * OPT_OUT_TRACKING (ai.djl.util.Utils.getEnvOrSystemProperty, env first), and
 * ai.djl.pytorch.num_threads / ai.djl.pytorch.num_interop_threads (PtEngine.newInstance).
 */
final class NativeEngine {
    private static final Logger LOG = LoggerFactory.getLogger(NativeEngine.class);
    static final String ENGINE = "PyTorch";

    private NativeEngine() {
    }

    static synchronized Engine load(int threads) {
        System.setProperty("OPT_OUT_TRACKING", "true");
        setIfAbsent("ai.djl.pytorch.num_threads", threads);
        setIfAbsent("ai.djl.pytorch.num_interop_threads", 1);
        if (!cachePopulated()) {
            LOG.info("first run: extracting native PyTorch library to {}, this can take a while",
                    Utils.getEngineCacheDir("pytorch"));
        }
        long t0 = System.nanoTime();
        Engine engine = Engine.getEngine(ENGINE);
        // The engine may have been loaded before with other settings; intra-op threads can still be set.
        if (JniUtils.getNumThreads() != threads) JniUtils.setNumThreads(threads);
        LOG.info("{} {} loaded in {} ms, intra-op threads {}, inter-op threads {}", engine.getEngineName(),
                engine.getVersion(), (System.nanoTime() - t0) / 1_000_000, JniUtils.getNumThreads(),
                JniUtils.getNumInteropThreads());
        return engine;
    }

    private static void setIfAbsent(String key, int value) {
        if (System.getProperty(key) == null) System.setProperty(key, String.valueOf(value));
    }

    /** True when DJL's cache already holds an extracted libtorch. */
    private static boolean cachePopulated() {
        Path dir = Utils.getEngineCacheDir("pytorch");
        if (!Files.isDirectory(dir)) return false;
        try (Stream<Path> files = Files.walk(dir, 3)) {
            return files.anyMatch(p -> p.getFileName().toString().startsWith("libtorch_cpu"));
        } catch (IOException e) {
            return false;
        }
    }
}
