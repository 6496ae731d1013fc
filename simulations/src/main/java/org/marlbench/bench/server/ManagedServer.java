package org.marlbench.bench.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model server as a child JVM of the benchmark: started with {@code -Dserver.port=0},
 * its URL read from the {@code MODEL_SERVER_URL=} line, ready when /health says UP, watched
 * for an early death, stopped by {@link #close()} or, failing that, a shutdown hook.
 * Its output goes to {@code server.log}. Never runs inside Gatling's JVM.
 */
public final class ManagedServer implements ServerTarget {
    private static final Logger LOG = LoggerFactory.getLogger(ManagedServer.class);
    /** Server settings forwarded from our -D properties (e.g. -Dserver.fault.delayMicros=500). */
    /** JVM options of the managed server besides the heap; -Dbench.serverJvmArgs replaces them. */
    static final String DEFAULT_JVM_ARGS = "-XX:+UseParallelGC -Xms256m -XX:+AlwaysPreTouch";
    static final List<String> FORWARDED_PREFIXES = List.of("server.", "model.", "sidecar.", "marl.");

    private final Process process;
    private final ServerOutput output;
    private final Path logFile;
    private final String baseUrl;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final Thread shutdownHook;

    private ManagedServer(Process process, ServerOutput output, Path logFile, String baseUrl, Thread shutdownHook) {
        this.process = process;
        this.output = output;
        this.logFile = logFile;
        this.baseUrl = baseUrl;
        this.shutdownHook = shutdownHook;
    }

    public static ManagedServer start(List<String> classpath, Path logFile, Properties system, Duration timeout) {
        List<String> command = command(classpath, system);
        Process process;
        try {
            Files.createDirectories(logFile.getParent());
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
        long deadline = System.nanoTime() + timeout.toNanos();
        String url;
        try {
            url = output.url().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException | InterruptedException e) {
            awaitExit(process);
            String why = e instanceof TimeoutException ? "printed no " + ServerOutput.URL_PREFIX + " line within "
                    + timeout.toSeconds() + " s" : exitDescription(process);
            throw new IllegalStateException("the model server " + why + ". Log: " + logFile
                    + "\nLast output lines:\n" + output.lastLines());
        }
        ManagedServer server = new ManagedServer(process, output, logFile, url, hook);
        try {
            Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
            HealthCheck.awaitUp(url, left, () -> "the model server started by the benchmark");
        } catch (IllegalStateException e) {
            server.close();
            throw new IllegalStateException(e.getMessage() + ". Log: " + logFile + "\nLast output lines:\n"
                    + output.lastLines(), e);
        }
        process.onExit().thenRun(() -> {
            if (!server.stopping.get()) {
                LOG.error("the model server died during the run ({}); see {}", exitDescription(process), logFile);
            }
        });
        LOG.info("model server up at {} (pid {}, log {})", url, process.pid(), logFile);
        return server;
    }

    static List<String> command(List<String> classpath, Properties system) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add(system.getProperty("bench.serverHeap", "-Xmx256m"));
        // ParallelGC: on a 256 MiB heap its cheaper write barriers give ~5-8 % more decisions/s
        // than G1 at 10 connections, with no worse p99 (README, "Benchmarks"). The heap is
        // committed and touched at start so that "memory increase" measures growth, not the heap
        // filling up to its configured size (peak RSS stays under 500 MiB).
        for (String arg : system.getProperty("bench.serverJvmArgs", DEFAULT_JVM_ARGS).trim().split("\\s+")) {
            if (!arg.isEmpty()) cmd.add(arg);
        }
        cmd.add("-Dserver.port=0");
        cmd.add("-DOPT_OUT_TRACKING=true");
        for (String key : system.stringPropertyNames()) {
            if (FORWARDED_PREFIXES.stream().anyMatch(key::startsWith)) {
                cmd.add("-D" + key + "=" + system.getProperty(key));
            }
        }
        cmd.add("-cp");
        cmd.add(ServerClasspath.join(classpath));
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
        return baseUrl;
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
        return "managed";
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
