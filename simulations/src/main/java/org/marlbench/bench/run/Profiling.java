package org.marlbench.bench.run;

import java.nio.file.Path;
import org.marlbench.bench.config.BenchSettings;
import org.marlbench.bench.config.DiagnosticsSettings;
import org.marlbench.bench.server.JfrRecorder;
import org.marlbench.bench.server.ManagedServer;
import org.marlbench.bench.server.ServerSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JFR recording of a run, when there is one ({@code -Dprofiler=jfr}, and every soak run): the
 * first server under test, if this run started it, recorded from the first measured request to the
 * end of the load into {@code <output>/server.jfr}. Starting is asynchronous (jcmd takes a moment;
 * the load does not wait for it).
 */
final class Profiling {
    private static final Logger LOG = LoggerFactory.getLogger(Profiling.class);

    private final ManagedServer server;
    private final Path file;
    private volatile Thread starting;
    private volatile JfrRecorder recorder;
    private volatile String problem;

    private Profiling(ManagedServer server, Path file, String problem) {
        this.server = server;
        this.file = file;
        this.problem = problem;
    }

    static Profiling plan(boolean soak, BenchSettings settings, ServerSet servers, Path outputDir) {
        if (!soak && settings.diagnostics().profiler() == DiagnosticsSettings.Profiler.NONE) return new Profiling(null, null, null);
        var target = servers.server(servers.forks().stream().filter(f -> !f.reference()).findFirst().orElseThrow());
        if (!(target instanceof ManagedServer managed)) {
            return new Profiling(null, null, "profiling needs a server this run starts (not -DbaseUrl)");
        }
        return new Profiling(managed, outputDir.resolve("server.jfr"), null);
    }

    boolean enabled() {
        return server != null;
    }

    /** Starts the recording in the background (the measured clock has just started). */
    void start() {
        if (server == null) return;
        Thread t = new Thread(() -> {
            try {
                recorder = JfrRecorder.start(server.pid(), file);
                LOG.info("JFR recording the server (pid {}) into {}", server.pid(), file);
            } catch (RuntimeException e) {
                problem = e.getMessage();
                LOG.warn("JFR could not start: {}", e.getMessage());
            }
        }, "jfr-start");
        t.setDaemon(true);
        starting = t;
        t.start();
    }

    /** Stops the recording; the file, or null (then {@link #problem()} says why). */
    Path stop() {
        Thread t = starting;
        if (t != null) {
            try {
                t.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (recorder == null) return null;
        try {
            return recorder.stop();
        } catch (RuntimeException e) {
            problem = e.getMessage();
            return null;
        }
    }

    String problem() {
        return problem;
    }
}
