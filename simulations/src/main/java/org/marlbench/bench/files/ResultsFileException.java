package org.marlbench.bench.files;

import java.nio.file.Path;

/** A stats, comparison, baseline or history file that cannot be used; the message always names the file. */
public final class ResultsFileException extends Exception {
    private final Path file;

    public ResultsFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    public ResultsFileException(Path file, String problem) {
        this(file, problem, null);
    }

    public Path file() {
        return file;
    }
}
