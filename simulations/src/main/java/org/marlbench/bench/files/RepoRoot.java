package org.marlbench.bench.files;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the repository root: the configured project directory ({@code bench.projectDir}, which
 * simulations/pom.xml sets) when there is one, else the nearest ancestor holding
 * results-baseline/, else the top-most ancestor with a pom.xml (the aggregator), searched from a
 * hint (the output directory, say) and then from the working directory.
 */
public final class RepoRoot {
    private RepoRoot() {
    }

    public static Path find(Path configured, Path hint) {
        if (configured != null) return configured.toAbsolutePath().normalize();
        Path fromHint = hint == null ? null : walkUp(hint.toAbsolutePath().normalize());
        if (fromHint != null) return fromHint;
        Path fromWorkingDir = walkUp(Path.of("").toAbsolutePath());
        return fromWorkingDir != null ? fromWorkingDir : Path.of("").toAbsolutePath();
    }

    static Path walkUp(Path start) {
        Path topPom = null;
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("results-baseline"))) {
                return dir;
            }
            if (Files.isRegularFile(dir.resolve("pom.xml"))) {
                topPom = dir;
            }
        }
        return topPom;
    }
}
