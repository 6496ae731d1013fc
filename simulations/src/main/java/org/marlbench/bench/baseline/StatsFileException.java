package org.marlbench.bench.baseline;

import java.nio.file.Path;

/** A stats.json or baseline file that cannot be used; the message always names the file. */
public final class StatsFileException extends Exception {
    private final Path file;

    public StatsFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    public StatsFileException(Path file, String problem) {
        this(file, problem, null);
    }

    public Path file() {
        return file;
    }
}
