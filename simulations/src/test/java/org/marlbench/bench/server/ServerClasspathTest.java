package org.marlbench.bench.server;

import static org.junit.jupiter.api.Assertions.*;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerClasspathTest {

    @Test
    void manifestOnlyJarsAreExpanded(@TempDir Path dir) throws Exception {
        Path classes = Files.createDirectories(dir.resolve("server classes"));
        Path mainClass = classes.resolve(ServerClasspath.MAIN_CLASS_FILE);
        Files.createDirectories(mainClass.getParent());
        Files.write(mainClass, new byte[] {1});
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().put(Attributes.Name.CLASS_PATH, classes.toUri().toString());
        Path booter = dir.resolve("booter.jar");
        try (OutputStream out = Files.newOutputStream(booter); JarOutputStream jar = new JarOutputStream(out, mf)) {
            jar.flush();
        }
        List<String> entries = ServerClasspath.expand(booter.toString());
        assertEquals(List.of(classes.toString()), entries, "the booter (temporary name, no classes) is replaced by its entries");
        ServerClasspath.requireServerClasses(entries, "test"); // finds the class through the manifest

        // a jar with classes of its own and a Class-Path keeps its place, its entries follow
        Path library = dir.resolve("library.jar");
        try (OutputStream out = Files.newOutputStream(library); JarOutputStream jar = new JarOutputStream(out, mf)) {
            jar.putNextEntry(new java.util.jar.JarEntry("lib/Thing.class"));
            jar.write(new byte[] {1});
            jar.closeEntry();
        }
        assertEquals(List.of(library.toString(), classes.toString()), ServerClasspath.expand(library.toString()));
    }

    @Test
    void missingServerClassesIsAClearError(@TempDir Path dir) {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ServerClasspath.requireServerClasses(ServerClasspath.expand(dir.toString()), "java.class.path"));
        assertTrue(e.getMessage().contains(ServerClasspath.MAIN_CLASS), e.getMessage());
        assertTrue(e.getMessage().contains("-DbaseUrl"), e.getMessage());
    }
}
