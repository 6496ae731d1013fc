package org.marlbench.bench.baseline;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the repository root: the system property project.rootDir (or bench.projectDir, which the
 * simulations' Gatling JVM receives) when set,
 * else the nearest ancestor holding results-baseline/, else the top-most ancestor with a
 * pom.xml (the aggregator), searched from the stats file and then from the working directory.
 */
public final class RepoRoot {
    private RepoRoot() {
    }

    public static Path find(Path start) {
        String property = System.getProperty("project.rootDir", System.getProperty("bench.projectDir"));
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        Path fromStats = start == null ? null : walkUp(start.toAbsolutePath().normalize());
        return fromStats != null ? fromStats : orWorkingDir(walkUp(Path.of("").toAbsolutePath()));
    }

    private static Path orWorkingDir(Path found) {
        return found != null ? found : Path.of("").toAbsolutePath();
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
