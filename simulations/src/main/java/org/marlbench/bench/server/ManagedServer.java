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
 * from the {@code MODEL_SERVER_URL=} line, ready when /health says UP, watched for an early death,
 * stopped by {@link #close()} or, failing that, a shutdown hook. Its output goes to its log file.
 * Launch and readiness are separate steps so that several servers start at the same time.
 * Never runs inside Gatling's JVM.
 */
public final class ManagedServer implements ServerTarget {
    private static final Logger LOG = LoggerFactory.getLogger(ManagedServer.class);

    private final Process process;
    private final ServerOutput output;
    private final Path logFile;
    private final String kind;
    private final String authToken;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final Thread shutdownHook;
    private volatile ServerClient client;

    private ManagedServer(Process process, ServerOutput output, Path logFile, String kind, String authToken, Thread hook) {
        this.process = process;
        this.output = output;
        this.logFile = logFile;
        this.kind = kind;
        this.authToken = authToken;
        this.shutdownHook = hook;
    }

    /** What to start: class path, JVM options, and the server settings passed as -D. */
    public record Launch(List<String> classpath, String heap, String jvmArgs, Map<String, String> serverProperties,
                         String authToken, String kind) {
    }

    /** Starts the JVM and returns at once; {@link #awaitReady} waits for it. */
    public static ManagedServer launch(Launch launch, Path logFile) {
        List<String> command = command(launch);
        Process process;
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().put("OPT_OUT_TRACKING", "true");
            // PyTorch allocates on whichever request thread runs the batch; without a cap glibc
            // gives many of them an arena of their own and RSS creeps up during the run.
            pb.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
            process = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the model server (" + command.get(0) + "): " + e.getMessage(), e);
        }
        Thread hook = new Thread(process::destroyForcibly, "model-server-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        ServerOutput output = new ServerOutput(process.getInputStream(), logFile);
        Thread pump = new Thread(output, "model-server-output");
        pump.setDaemon(true);
        pump.start();
        return new ManagedServer(process, output, logFile, launch.kind(), launch.authToken(), hook);
    }

    /** Waits for the URL line and /health UP; on failure stops the server and throws with its last output. */
    public ManagedServer awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String url;
        try {
            url = output.url().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException | InterruptedException e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            awaitExit(process);
            String why = e instanceof TimeoutException ? "printed no " + ServerOutput.URL_PREFIX + " line within "
                    + timeout.toSeconds() + " s" : exitDescription(process);
            close();
            throw new IllegalStateException("the model server " + why + ". Log: " + logFile
                    + "\nLast output lines:\n" + output.lastLines());
        }
        client = new ServerClient(url, authToken);
        try {
            Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
            client.awaitUp(left, () -> "the model server started by the benchmark");
        } catch (IllegalStateException e) {
            close();
            throw new IllegalStateException(e.getMessage() + ". Log: " + logFile + "\nLast output lines:\n"
                    + output.lastLines(), e);
        }
        process.onExit().thenRun(() -> {
            if (!stopping.get()) {
                LOG.error("the model server at {} died during the run ({}); see {}", url, exitDescription(process), logFile);
            }
        });
        LOG.info("model server up at {} (pid {}, log {})", url, process.pid(), logFile);
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

    private static void awaitExit(Process p) {
        try {
            if (!p.waitFor(2, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String exitDescription(Process p) {
        return p.isAlive() ? "is still running" : "exited with code " + p.exitValue();
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
        return process.pid();
    }

    public Path logFile() {
        return logFile;
    }

    @Override
    public boolean alive() {
        return process.isAlive();
    }

    @Override
    public String deathReport() {
        if (process.isAlive()) return "";
        return "the model server " + exitDescription(process) + " during the run; log " + logFile
                + "\nLast output lines:\n" + output.lastLines();
    }

    @Override
    public String kind() {
        return kind;
    }

    /** SIGTERM, up to 10 s for a clean stop, then kill. Idempotent. */
    @Override
    public void close() {
        if (!stopping.compareAndSet(false, true)) return;
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException ignored) {
            // already shutting down: the hook runs anyway and the process is gone
        }
    }
}
