package org.marlbench.bench.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A model server as a child JVM of the benchmark: launched with {@code -Dserver.port=0}, its URL read
 * from the {@code MODEL_SERVER_URL=} line, ready when /health says UP, watched for an early death.
 * Its output goes straight into its log file. An owned server is stopped by {@link #close()} or,
 * failing that, a shutdown hook; a shared one ({@link ServerPool}: the A/B servers of one Maven run,
 * used by every simulation in turn) outlives this JVM, so {@link #close()} leaves it running and
 * the pool's reaper stops it when Maven exits. Launch and readiness are separate steps so that
 * several servers start at the same time. Never runs inside Gatling's JVM.
 */
public final class ManagedServer implements ServerTarget {
    private static final Logger LOG = LoggerFactory.getLogger(ManagedServer.class);
    private static final String NULL_DEVICE = System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null";

    private final ProcessHandle handle;
    /** The process when this JVM started it (its exit code can be read), else null. */
    private final Process process;
    private final ServerOutput output;
    private final Path logFile;
    private final String kind;
    private final String authToken;
    private final boolean shared;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final Thread shutdownHook;
    private volatile ServerClient client;

    private ManagedServer(ProcessHandle handle, Process process, ServerOutput output, Path logFile, String kind,
                          String authToken, boolean shared, Thread hook) {
        this.handle = handle;
        this.process = process;
        this.output = output;
        this.logFile = logFile;
        this.kind = kind;
        this.authToken = authToken;
        this.shared = shared;
        this.shutdownHook = hook;
    }

    /** What to start: class path, JVM options, and the server settings passed as -D. */
    public record Launch(List<String> classpath, String heap, String jvmArgs, Map<String, String> serverProperties,
                         String authToken, String kind) {
    }

    /** Starts the JVM and returns at once; {@link #awaitReady} waits for it. Stopped with this JVM at the latest. */
    public static ManagedServer launch(Launch launch, Path logFile) {
        return start(launch, logFile, false);
    }

    /**
     * Starts a JVM that outlives this one (no shutdown hook; {@link #close()} leaves it running):
     * whoever calls this arranges its end ({@link ServerPool#reapWhenGone}).
     */
    static ManagedServer launchShared(Launch launch, Path logFile) {
        return start(launch, logFile, true);
    }

    private static ManagedServer start(Launch launch, Path logFile, boolean shared) {
        List<String> command = command(launch);
        Process process;
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File(NULL_DEVICE)));
            pb.environment().put("OPT_OUT_TRACKING", "true");
            // PyTorch allocates on whichever request thread runs the batch; without a cap glibc
            // gives many of them an arena of their own and RSS creeps up during the run.
            pb.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
            process = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the model server (" + command.get(0) + "): " + e.getMessage(), e);
        }
        Thread hook = null;
        if (!shared) {
            hook = new Thread(process::destroyForcibly, "model-server-stop");
            Runtime.getRuntime().addShutdownHook(hook);
        }
        ServerOutput output = ServerOutput.watch(logFile, process::isAlive);
        return new ManagedServer(process.toHandle(), process, output, logFile, launch.kind(), launch.authToken(), shared, hook);
    }

    /**
     * A shared server an earlier simulation of this Maven run started (see {@link ServerPool}).
     * @throws IllegalStateException when process {@code pid} is gone
     */
    static ManagedServer attach(long pid, String url, Path logFile, String kind, String authToken) {
        ProcessHandle handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .orElseThrow(() -> new IllegalStateException("the shared model server (pid " + pid + ", " + url + ") is gone"));
        ManagedServer server = new ManagedServer(handle, null, ServerOutput.known(logFile, url), logFile, kind, authToken,
                true, null);
        server.client = new ServerClient(url, authToken);
        return server;
    }

    /** Waits for the URL line and /health UP; on failure stops the server and throws with its last output. */
    public ManagedServer awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String url;
        try {
            url = output.url().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException | InterruptedException e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            awaitExit(handle);
            String why = e instanceof TimeoutException ? "printed no " + ServerOutput.URL_PREFIX + " line within "
                    + timeout.toSeconds() + " s" : exitDescription();
            stop();
            throw new IllegalStateException("the model server " + why + ". Log: " + logFile
                    + "\nLast output lines:\n" + output.lastLines());
        }
        client = new ServerClient(url, authToken);
        try {
            Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
            client.awaitUp(left, () -> "the model server started by the benchmark");
        } catch (IllegalStateException e) {
            stop();
            throw new IllegalStateException(e.getMessage() + ". Log: " + logFile + "\nLast output lines:\n"
                    + output.lastLines(), e);
        }
        handle.onExit().thenRun(() -> {
            if (!stopping.get()) {
                LOG.error("the model server at {} died during the run ({}); see {}", url, exitDescription(), logFile);
            }
        });
        LOG.info("model server up at {} (pid {}, log {})", url, handle.pid(), logFile);
        return this;
    }

    static List<String> command(Launch launch) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add(launch.heap());
        // ParallelGC: on a 256 MiB heap its cheaper write barriers give ~5-8 % more decisions/s
        // than G1 at 10 connections, with no worse p99. The heap is committed and touched at start so
        // that "memory increase" measures growth, not the heap filling up to its configured size.
        for (String arg : launch.jvmArgs().trim().split("\\s+")) {
            if (!arg.isEmpty()) cmd.add(arg);
        }
        cmd.add("-Dserver.port=0");
        cmd.add("-DOPT_OUT_TRACKING=true");
        launch.serverProperties().forEach((k, v) -> {
            if (!k.equals("server.port")) cmd.add("-D" + k + "=" + v);
        });
        cmd.add("-cp");
        cmd.add(ServerClasspath.join(launch.classpath()));
        cmd.add(ServerClasspath.MAIN_CLASS);
        return cmd;
    }

    private static void awaitExit(ProcessHandle p) {
        try {
            p.onExit().get(2, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            p.destroyForcibly();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private String exitDescription() {
        if (process != null) return process.isAlive() ? "is still running" : "exited with code " + process.exitValue();
        return handle.isAlive() ? "is still running" : "exited (pid " + handle.pid() + ")";
    }

    @Override
    public String baseUrl() {
        if (client == null) throw new IllegalStateException("the server is not ready yet (awaitReady first)");
        return client.baseUrl();
    }

    @Override
    public ServerClient client() {
        if (client == null) throw new IllegalStateException("the server is not ready yet (awaitReady first)");
        return client;
    }

    public long pid() {
        return handle.pid();
    }

    public Path logFile() {
        return logFile;
    }

    @Override
    public boolean alive() {
        return handle.isAlive();
    }

    @Override
    public String deathReport() {
        if (handle.isAlive()) return "";
        return "the model server " + exitDescription() + " during the run; log " + logFile
                + "\nLast output lines:\n" + output.lastLines();
    }

    @Override
    public String kind() {
        return kind;
    }

    /** Stops an owned server ({@link #stop()}); a shared one stays up for the next simulation. */
    @Override
    public void close() {
        if (!shared) stop();
    }

    /** SIGTERM, up to 10 s for a clean stop, then kill. Idempotent. */
    void stop() {
        if (!stopping.compareAndSet(false, true)) return;
        handle.destroy();
        try {
            handle.onExit().get(10, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            handle.destroyForcibly();
            try {
                handle.onExit().get(5, TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException | InterruptedException ignored) {
                // gone or unkillable: nothing more to do here
            }
        } catch (InterruptedException e) {
            handle.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        if (process != null) {
            try {
                process.waitFor(5, TimeUnit.SECONDS); // so that exitValue() can be read
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException ignored) {
                // already shutting down: the hook runs anyway and the process is gone
            }
        }
    }
}
