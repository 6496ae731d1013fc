package org.marlbench.bench.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;

/**
 * Pumps the server's stdout+stderr into server.log, keeps the last lines for error messages
 * and completes {@link #url()} when the {@code MODEL_SERVER_URL=} line appears.
 */
final class ServerOutput implements Runnable {
    static final String URL_PREFIX = "MODEL_SERVER_URL=";
    private static final int KEPT_LINES = 40;

    private final InputStream in;
    private final Path logFile;
    private final Deque<String> lastLines = new ArrayDeque<>();
    private final CompletableFuture<String> url = new CompletableFuture<>();

    ServerOutput(InputStream in, Path logFile) {
        this.in = in;
        this.logFile = logFile;
    }

    CompletableFuture<String> url() {
        return url;
    }

    synchronized String lastLines() {
        return lastLines.isEmpty() ? "(no output)" : String.join(System.lineSeparator(), lastLines);
    }

    @Override
    public void run() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
             Writer log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                log.write(line);
                log.write(System.lineSeparator());
                log.flush();
                keep(line);
                if (!url.isDone() && line.startsWith(URL_PREFIX)) {
                    url.complete(line.substring(URL_PREFIX.length()).trim());
                }
            }
        } catch (IOException e) {
            keep("[bench] reading server output failed: " + e.getMessage());
        } finally {
            url.completeExceptionally(new IllegalStateException("server output ended without a " + URL_PREFIX + " line"));
        }
    }

    private synchronized void keep(String line) {
        if (lastLines.size() == KEPT_LINES) lastLines.removeFirst();
        lastLines.addLast(line);
    }
}
