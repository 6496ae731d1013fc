package org.marlbench.bench.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The model server of another commit, for A/B runs: a git worktree of {@code ref} under the build
 * directory, built there with Maven (offline from the local repository first, online if that fails),
 * cached by commit id, so the second run against the same reference starts at once. The result is
 * the class path of that commit's {@code model-server.jar}.
 */
public final class ReferenceBuild {
    static final String MARKER = ".marl-reference-built";
    static final long BUILD_TIMEOUT_MINUTES = 20;

    private ReferenceBuild() {
    }

    public record Built(String commit, Path worktree, List<String> classpath, boolean cached) {
        public String shortCommit() {
            return commit.substring(0, Math.min(12, commit.length()));
        }
    }

    /**
     * @param progress receives one line per step (the first build of a commit takes a minute or two)
     * @throws IllegalStateException naming the step that failed and where its log is
     */
    public static Built prepare(String ref, Path repoRoot, Path buildDir, String mavenCommand, Consumer<String> progress) {
        String commit = resolve(ref, repoRoot);
        Path worktree = buildDir.resolve(commit.substring(0, 12));
        Path jar = worktree.resolve("model-server/target/model-server.jar");
        if (Files.isRegularFile(worktree.resolve(MARKER)) && Files.isRegularFile(jar)) {
            progress.accept("reference " + ref + " = " + commit.substring(0, 12) + ": cached build in " + worktree);
            return new Built(commit, worktree, classpath(jar), true);
        }
        try {
            Files.createDirectories(buildDir);
            Path log = buildDir.resolve(commit.substring(0, 12) + ".build.log");
            progress.accept("reference " + ref + " = " + commit.substring(0, 12) + ": building its model server in "
                    + worktree + " (first time for this commit; log " + log + ")");
            if (Files.exists(worktree)) {
                run(List.of("git", "worktree", "remove", "--force", worktree.toString()), repoRoot, log, true);
                deleteTree(worktree);
            }
            run(List.of("git", "worktree", "prune"), repoRoot, log, true);
            run(List.of("git", "worktree", "add", "--detach", "--force", worktree.toString(), commit), repoRoot, log, false);
            List<String> mvn = List.of(mavenCommand, "-B", "-q", "-pl", "model-server", "-am", "-DskipTests", "-DskipITs",
                    "-Dgatling.skip=true", "package");
            List<String> offline = new ArrayList<>(mvn);
            offline.add(1, "-o");
            if (!run(offline, worktree, log, true)) {
                progress.accept("offline build failed (something not in the local Maven repository); retrying online");
                run(mvn, worktree, log, false);
            }
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("the build of " + commit + " left no " + jar + "; log " + log);
            }
            Files.writeString(worktree.resolve(MARKER), commit + "\n");
            progress.accept("reference built: " + jar);
            return new Built(commit, worktree, classpath(jar), false);
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare the reference build of " + ref + " in " + worktree + ": " + e, e);
        }
    }

    /** The full commit id of a ref, or a clear error. */
    static String resolve(String ref, Path repoRoot) {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "--verify", "--quiet", ref + "^{commit}")
                    .directory(repoRoot.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0 || !out.matches("[0-9a-f]{40}")) {
                throw new IllegalStateException("-Dcompare.ref=" + ref + " is not a commit of the repository at " + repoRoot
                        + " (git rev-parse: " + (out.isEmpty() ? "no such ref" : out) + "); fetch it, or use a commit id,"
                        + " branch or tag that exists there (CI: check out with full history)");
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("-Dcompare.ref needs git on the PATH: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted resolving " + ref, e);
        }
    }

    private static List<String> classpath(Path jar) {
        List<String> entries = ServerClasspath.expand(jar.toString());
        ServerClasspath.requireServerClasses(entries, "the reference build " + jar);
        return entries;
    }

    /** Runs a command with its output appended to the log; false on a non-zero exit when allowed to fail. */
    private static boolean run(List<String> command, Path dir, Path log, boolean mayFail) throws IOException {
        Files.writeString(log, "$ " + String.join(" ", command) + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try {
            if (!p.waitFor(BUILD_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("'" + String.join(" ", command) + "' took over " + BUILD_TIMEOUT_MINUTES
                        + " minutes; log " + log);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
        }
        if (p.exitValue() != 0 && !mayFail) {
            throw new IllegalStateException("'" + String.join(" ", command) + "' failed with exit code " + p.exitValue()
                    + " in " + dir + "; log " + log);
        }
        return p.exitValue() == 0;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
