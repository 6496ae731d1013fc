package org.marlbench.bench.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Java Flight Recorder recording of a server JVM we started, for the measured window only:
 * started and stopped with the JDK's own {@code jcmd} (no agent, nothing to download), with JFR's
 * "profile" settings (CPU samples every 10 ms, allocation samples, GC). The file is kept for JDK
 * Mission Control.
 */
public final class JfrRecorder {
    static final String NAME = "marl-bench";

    private final long pid;
    private final Path file;

    private JfrRecorder(long pid, Path file) {
        this.pid = pid;
        this.file = file;
    }

    /** @throws IllegalStateException when jcmd is missing or refuses (the message says which) */
    public static JfrRecorder start(long pid, Path file) {
        jcmd(pid, "JFR.start", "name=" + NAME, "settings=profile", "filename=" + file.toAbsolutePath());
        return new JfrRecorder(pid, file);
    }

    /** Stops the recording and writes the file; returns it. */
    public Path stop() {
        jcmd(pid, "JFR.stop", "name=" + NAME);
        if (!Files.isRegularFile(file)) throw new IllegalStateException("JFR.stop left no recording at " + file);
        return file;
    }

    public Path file() {
        return file;
    }

    private static void jcmd(long pid, String... command) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        List<String> cmd = new java.util.ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
        cmd.addAll(List.of(command));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + jcmd + " (a JDK, not a JRE, is needed for -Dprofiler=jfr): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", cmd), e);
        }
    }
}
