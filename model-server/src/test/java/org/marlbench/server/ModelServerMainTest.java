package org.marlbench.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main as the simulations run it: a separate JVM, its stdout line, its exit codes. */
class ModelServerMainTest {

    static ProcessBuilder java(Path dir, String... props) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        // The production logging config (stderr), not a logback-test.xml on the test classpath.
        cmd.add("-Dlogback.configurationFile=logback.xml");
        cmd.addAll(List.of(props));
        cmd.add(ModelServerMain.class.getName());
        return new ProcessBuilder(cmd).redirectError(dir.resolve("stderr.txt").toFile());
    }

    @Test
    void aBadValueIsOneClearLineAndExitCode2(@TempDir Path dir) throws Exception {
        Process p = java(dir, "-Dserver.port=eighty").start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue());
        assertEquals("", stdout);
        List<String> err = Files.readAllLines(dir.resolve("stderr.txt"));
        assertEquals(1, err.size(), "one line: " + err);
        assertEquals("model-server: configuration error: server.port must be an integer, got 'eighty'", err.get(0));
    }

    @Test
    void anOutOfRangeValueOrUnknownKeyIsExitCode2(@TempDir Path dir) throws Exception {
        Process p = java(dir, "-Dserver.maxInFlight=0").start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue());
        assertTrue(Files.readString(dir.resolve("stderr.txt")).contains("server.maxInFlight must be between 1"));

        Path config = Files.writeString(dir.resolve("bad.properties"), "server.prot=8080\n");
        Process q = java(dir, "-Dmarl.config=" + config).start();
        assertTrue(q.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, q.exitValue());
        assertTrue(Files.readString(dir.resolve("stderr.txt")).contains("unknown configuration key 'server.prot'"));
    }

    @Test
    void printsTheUrlOnceBoundAndStopsOnSigterm(@TempDir Path dir) throws Exception {
        String token = "main-test-token-0123456789";
        Process p = java(dir, "-Dserver.port=0", "-Dserver.authToken=" + token).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertTrue(line != null && line.matches("MODEL_SERVER_URL=http://127\\.0\\.0\\.1:\\d+"), "line: " + line);
            String url = line.substring("MODEL_SERVER_URL=".length());
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(url + "/sidecar/resources")).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());

            // SIGTERM by pid (Process.destroy() would also close our end of its stdout).
            assertEquals(0, new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor());
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "stops on SIGTERM");
            assertEquals(null, out.readLine(), "nothing else on stdout");
            String err = Files.readString(dir.resolve("stderr.txt"));
            assertTrue(err.contains("shutting down"), err);
            assertTrue(err.contains("INFO  [shutdown] o.m.s.ModelServer - stopped: "), "the graceful stop says how it went: " + err);
            assertTrue(err.contains("sampler closed"), err);
            assertTrue(err.contains("config server.port=0"), "logs the effective configuration");
            assertTrue(err.contains("config server.authToken=(set)"), "says a token is set");
            assertFalse(err.contains(token), "never logs the token");
            assertFalse(err.contains("CudaUtils"), "no GPU warnings on a machine without one");
        } finally {
            p.destroyForcibly();
        }
    }
}
