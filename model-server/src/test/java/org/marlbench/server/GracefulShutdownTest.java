package org.marlbench.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.marlbench.server.component.ComponentSettings;
import org.marlbench.server.component.StrategicComponent;

/**
 * Graceful stop under load (issue 10, item 7), with decisions held by server.fault.delayMicros so
 * that they are surely in flight: it stops accepting, lets them finish, answers what arrives on open
 * connections 503 shutting_down with Retry-After, and closes the sampler and the engine -- also when
 * the drain times out, which used to skip both.
 */
class GracefulShutdownTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void inFlightDecisionsFinishLateOnesGet503AndEverythingIsClosed() throws Exception {
        AtomicReference<StrategicComponent> component = new AtomicReference<>();
        Settings settings = settings("server.fault.delayMicros", "600000", "server.drainTimeoutMs", "10000");
        ListAppender<ILoggingEvent> log = capture();
        try {
            ModelServer server = ModelServer.start(settings, loader(settings, component));
            assertTrue(server.awaitModel(120_000));
            Socket late = connect(server);
            assertEquals(200, exchange(late).status(), "an open keep-alive connection");

            List<Socket> sockets = new ArrayList<>();
            List<CompletableFuture<Answer>> inFlight = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Socket s = connect(server);
                sockets.add(s);
                inFlight.add(CompletableFuture.supplyAsync(() -> exchangeUnchecked(s)));
            }
            Thread.sleep(200); // all four are inside their 600 ms
            int port = server.port();
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::stop);

            awaitRefused(port); // stop accepting comes first
            Answer refused = exchange(late);
            assertEquals(503, refused.status(), refused.text());
            assertEquals("shutting_down", refused.json().path("error").asText(), refused.text());
            assertEquals("1", refused.header("retry-after"));
            assertEquals("close", refused.header("connection"));
            assertTrue(refused.header("server-timing").startsWith("model;dur=0.000"), refused.text());

            for (CompletableFuture<Answer> f : inFlight) assertEquals(200, f.get(10, TimeUnit.SECONDS).status(), "finished during the drain");
            stopping.get(15, TimeUnit.SECONDS);
            assertTrue(server.samplerClosed(), "sampler closed");
            assertTrue(component.get().isClosed(), "engine closed");
            String stopped = message(log, "stopped:");
            assertTrue(stopped.startsWith("stopped: 4 request(s) in flight finished, 1 refused with 503 shutting_down")
                    && stopped.endsWith("engine and sampler closed"), stopped);
            for (Socket s : sockets) s.close();
            late.close();
        } finally {
            release(log);
        }
    }

    @Test
    void aDrainThatTimesOutStillClosesTheSamplerAndTheEngine() throws Exception {
        AtomicReference<StrategicComponent> component = new AtomicReference<>();
        Settings settings = settings("server.fault.delayMicros", "5000000", "server.drainTimeoutMs", "300");
        ListAppender<ILoggingEvent> log = capture();
        try {
            ModelServer server = ModelServer.start(settings, loader(settings, component));
            assertTrue(server.awaitModel(120_000));
            Socket s = connect(server);
            CompletableFuture<Answer> slow = CompletableFuture.supplyAsync(() -> exchangeUnchecked(s));
            Thread.sleep(300); // inside its 5 s
            long t0 = System.nanoTime();
            server.stop();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < 4_000, "stop does not wait for the 5 s request: " + ms + " ms");
            assertTrue(server.samplerClosed(), "sampler closed although the drain timed out");
            assertTrue(component.get().isClosed(), "engine closed although the drain timed out");
            String stopped = message(log, "stopped:");
            assertTrue(stopped.startsWith("stopped: drain timed out after ") && stopped.contains("1 request(s) still running")
                    && stopped.endsWith("engine and sampler closed"), stopped);
            Answer cut = slow.handle((a, e) -> a).get(10, TimeUnit.SECONDS);
            if (cut != null) assertNotEquals(200, cut.status(), "a request over the drain timeout is cut");
            s.close();
        } finally {
            release(log);
        }
    }

    record Answer(int status, Map<String, String> headers, String text) {
        String header(String name) {
            return headers.get(name);
        }

        JsonNode json() {
            try {
                return JSON.readTree(text);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + text, e);
            }
        }
    }

    private static Settings settings(String... pairs) {
        Map<String, String> m = new HashMap<>(Map.of("server.port", "0", "model.budget.agentMs", "5000", "model.budget.totalMs", "10000"));
        for (int i = 0; i < pairs.length; i += 2) m.put(pairs[i], pairs[i + 1]);
        return Settings.of(m);
    }

    private static java.util.function.Supplier<StrategicComponent> loader(Settings s, AtomicReference<StrategicComponent> ref) {
        return () -> {
            StrategicComponent c = StrategicComponent.create(ComponentSettings.from(s));
            ref.set(c);
            return c;
        };
    }

    private static Socket connect(ModelServer server) throws Exception {
        Socket s = new Socket("127.0.0.1", server.port());
        s.setSoTimeout(20_000);
        s.setTcpNoDelay(true);
        return s;
    }

    private static void awaitRefused(int port) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                Thread.sleep(5);
            } catch (ConnectException e) {
                return;
            }
        }
        fail("still accepting connections 5 s after stop()");
    }

    private static Answer exchangeUnchecked(Socket s) {
        try {
            return exchange(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** One decision request on the socket; its answer (Content-Length body). */
    private static Answer exchange(Socket s) throws Exception {
        String line = java.nio.file.Files.readAllLines(java.nio.file.Path.of("../feeders/data/market-matrices.jsonl")).get(0);
        byte[] body = line.substring(line.indexOf("\"body\":") + 7, line.length() - 1).getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST /v1/strategic/decision HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] request = java.util.Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        s.getOutputStream().write(request);
        s.getOutputStream().flush();
        InputStream in = new BufferedInputStream(s.getInputStream());
        StringBuilder h = new StringBuilder();
        while (h.length() < 4 || !h.substring(h.length() - 4).equals("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) throw new java.io.EOFException("closed without an answer");
            h.append((char) c);
        }
        Map<String, String> headers = new HashMap<>();
        for (String l : h.toString().split("\r\n")) {
            int colon = l.indexOf(':');
            if (colon > 0) headers.put(l.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT), l.substring(colon + 1).trim());
        }
        byte[] answer = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
        return new Answer(Integer.parseInt(h.substring(9, 12)), headers, new String(answer, StandardCharsets.UTF_8));
    }

    private static String message(ListAppender<ILoggingEvent> log, String prefix) {
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no log line '" + prefix + "...' in " + log.list));
    }

    private static ListAppender<ILoggingEvent> capture() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(ModelServer.class)).addAppender(appender);
        return appender;
    }

    private static void release(ListAppender<ILoggingEvent> appender) {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(ModelServer.class)).detachAppender(appender);
    }
}
