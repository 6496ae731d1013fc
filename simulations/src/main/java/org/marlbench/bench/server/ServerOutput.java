package org.marlbench.bench.server;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * The server's stdout+stderr, which the server JVM writes straight into its log file (no pipe
 * through the benchmark, so a server that outlives the simulation that started it, see
 * {@link ServerPool}, keeps logging): {@link #url()} completes when the {@code MODEL_SERVER_URL=}
 * line appears, {@link #lastLines()} reads the file's end for error messages.
 */
final class ServerOutput {
    static final String URL_PREFIX = "MODEL_SERVER_URL=";
    private static final int KEPT_LINES = 40;
    /** The tail read for error messages: enough for 40 lines of log. */
    private static final int TAIL_BYTES = 16 * 1024;
    private static final long POLL_MILLIS = 50;

    private final Path logFile;
    private final CompletableFuture<String> url = new CompletableFuture<>();

    private ServerOutput(Path logFile) {
        this.logFile = logFile;
    }

    /** Watches {@code logFile} for the URL line until it appears or {@code alive} turns false. */
    static ServerOutput watch(Path logFile, BooleanSupplier alive) {
        ServerOutput out = new ServerOutput(logFile);
        Thread t = new Thread(() -> out.awaitUrlLine(alive), "model-server-url");
        t.setDaemon(true);
        t.start();
        return out;
    }

    /** An output whose URL is known already (a server started by an earlier simulation). */
    static ServerOutput known(Path logFile, String url) {
        ServerOutput out = new ServerOutput(logFile);
        out.url.complete(url);
        return out;
    }

    CompletableFuture<String> url() {
        return url;
    }

    private void awaitUrlLine(BooleanSupplier alive) {
        long offset = 0;
        StringBuilder partial = new StringBuilder();
        try {
            while (!url.isDone()) {
                boolean wasAlive = alive.getAsBoolean(); // read before the file, so the last lines are not missed
                if (Files.exists(logFile)) {
                    try (RandomAccessFile f = new RandomAccessFile(logFile.toFile(), "r")) {
                        long length = f.length();
                        if (length > offset) {
                            byte[] bytes = new byte[(int) Math.min(length - offset, 1 << 20)];
                            f.seek(offset);
                            f.readFully(bytes);
                            offset += bytes.length;
                            partial.append(new String(bytes, StandardCharsets.UTF_8));
                            String found = urlIn(partial);
                            if (found != null) {
                                url.complete(found);
                                return;
                            }
                            continue;
                        }
                    }
                }
                if (!wasAlive) break;
                Thread.sleep(POLL_MILLIS);
            }
        } catch (IOException e) {
            url.completeExceptionally(new IllegalStateException("reading " + logFile + " failed: " + e.getMessage(), e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        url.completeExceptionally(new IllegalStateException("server output ended without a " + URL_PREFIX + " line"));
    }

    /** The URL from a complete line of {@code text}; consumed lines are dropped from it. */
    static String urlIn(StringBuilder text) {
        int end;
        while ((end = text.indexOf("\n")) >= 0) {
            String line = text.substring(0, end).trim();
            text.delete(0, end + 1);
            if (line.startsWith(URL_PREFIX)) return line.substring(URL_PREFIX.length()).trim();
        }
        return null;
    }

    /** The last lines of the log file, for error messages. */
    String lastLines() {
        try (RandomAccessFile f = new RandomAccessFile(logFile.toFile(), "r")) {
            long start = Math.max(0, f.length() - TAIL_BYTES);
            byte[] bytes = new byte[(int) (f.length() - start)];
            f.seek(start);
            f.readFully(bytes);
            String[] all = new String(bytes, StandardCharsets.UTF_8).split("\\R");
            Deque<String> lines = new ArrayDeque<>();
            for (int i = start > 0 ? 1 : 0; i < all.length; i++) { // after a seek the first line is cut
                if (lines.size() == KEPT_LINES) lines.removeFirst();
                lines.addLast(all[i]);
            }
            return String.join("", lines).isBlank() ? "(no output)" : String.join(System.lineSeparator(), lines);
        } catch (IOException e) {
            return "(no output: " + logFile + " cannot be read: " + e.getMessage() + ")";
        }
    }
}
