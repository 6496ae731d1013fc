package org.marlbench.bench.run;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Short commit hash of the project checkout, or "unknown" (no git, not a checkout). */
public final class GitCommit {
    private GitCommit() {
    }

    public static String shortHash(File dir) {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").directory(dir)
                    .redirectErrorStream(true).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "unknown";
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.exitValue() == 0 && out.matches("[0-9a-f]{4,40}") ? out : "unknown";
        } catch (Exception e) {
            return "unknown";
        }
    }
}
