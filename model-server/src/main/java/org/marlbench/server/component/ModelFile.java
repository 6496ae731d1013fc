package org.marlbench.server.component;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One model file the server loaded, with its SHA-256, so /health (and through it every benchmark
 * record) says exactly which weights produced the figures.
 */
public record ModelFile(String name, Path path, long sizeBytes, String sha256) {

    static ModelFile of(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            long size = 0;
            for (int n; (n = in.read(buffer)) > 0; size += n) digest.update(buffer, 0, n);
            return new ModelFile(path.getFileName().toString(), path, size, HexFormat.of().formatHex(digest.digest()));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read model file " + path + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
