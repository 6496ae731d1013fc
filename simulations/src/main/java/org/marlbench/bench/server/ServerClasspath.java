package org.marlbench.bench.server;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The classpath the model server JVM is started with: this JVM's own, because under
 * {@code mvn gatling:test} (and Surefire) it holds model-server's classes resolved from the
 * reactor. Both launchers start their JVM from a manifest-only "booter" jar whose
 * {@code Class-Path} lists the real entries, so such jars are expanded. {@code
 * -Dbench.serverClasspath=...} replaces it entirely.
 */
public final class ServerClasspath {
    public static final String MAIN_CLASS = "org.marlbench.server.ModelServerMain";
    static final String MAIN_CLASS_FILE = MAIN_CLASS.replace('.', '/') + ".class";

    private ServerClasspath() {
    }

    /** @param override {@code bench.serverClasspath}, or null for this JVM's own class path */
    public static List<String> resolve(String override) {
        String raw = override != null ? override : System.getProperty("java.class.path", "");
        List<String> entries = expand(raw);
        requireServerClasses(entries, override != null ? "-Dbench.serverClasspath" : "java.class.path");
        return entries;
    }

    /**
     * Splits a path list and replaces each manifest-only jar by its Class-Path entries (the booter
     * jar itself goes: it holds no class, and its temporary name differs in every launcher JVM, which
     * would make the same servers look different to {@link ServerPool}).
     */
    public static List<String> expand(String classpath) {
        Set<String> out = new LinkedHashSet<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            if (entry.isBlank()) continue;
            List<String> manifestEntries = manifestClassPath(Path.of(entry));
            if (manifestEntries.isEmpty() || holdsClasses(Path.of(entry))) out.add(entry);
            out.addAll(manifestEntries);
        }
        return new ArrayList<>(out);
    }

    private static boolean holdsClasses(Path jar) {
        try (JarFile jf = new JarFile(jar.toFile())) {
            return jf.stream().anyMatch(e -> e.getName().endsWith(".class"));
        } catch (IOException e) {
            return true; // unreadable: keep it as it was given
        }
    }

    private static List<String> manifestClassPath(Path jar) {
        if (!jar.toString().endsWith(".jar") || !Files.isRegularFile(jar)) return List.of();
        try (JarFile jf = new JarFile(jar.toFile())) {
            Manifest mf = jf.getManifest();
            String cp = mf == null ? null : mf.getMainAttributes().getValue("Class-Path");
            if (cp == null || cp.isBlank()) return List.of();
            URI base = jar.toAbsolutePath().toUri();
            List<String> entries = new ArrayList<>();
            for (String ref : cp.trim().split("\\s+")) {
                entries.add(Path.of(base.resolve(ref)).toString());
            }
            return entries;
        } catch (IOException | IllegalArgumentException e) {
            return List.of();
        }
    }

    public static void requireServerClasses(List<String> entries, String source) {
        for (String entry : entries) {
            Path p = Path.of(entry);
            if (Files.isDirectory(p) && Files.isRegularFile(p.resolve(MAIN_CLASS_FILE))) return;
            if (Files.isRegularFile(p) && entry.endsWith(".jar")) {
                try (JarFile jf = new JarFile(p.toFile())) {
                    if (jf.getEntry(MAIN_CLASS_FILE) != null) return;
                } catch (IOException ignored) {
                    // not a readable jar: cannot hold the server
                }
            }
        }
        throw new IllegalStateException("the model server class " + MAIN_CLASS + " is not on the classpath ("
                + source + ", " + entries.size() + " entries). Run `mvn gatling:test` from the repository root "
                + "so the reactor builds model-server, pass -Dbench.serverClasspath=<path>, or drive a running "
                + "server with -DbaseUrl=http://127.0.0.1:<port>");
    }

    public static String join(List<String> entries) {
        return String.join(File.pathSeparator, entries);
    }
}
