package org.marlbench.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.marlbench.server.ModelServer;

/**
 * Slow senders (issue 10, item 1): twenty connections trickle a decision body, a byte every 100 ms,
 * against a server with only 2 decision slots and 8 Jetty threads. They must take neither: a normal
 * client gets its 200 decisions meanwhile, and every trickler is answered 408 request_timeout at the
 * body deadline (500 ms here), which a byte now and then does not extend. When bodies held a slot
 * while they trickled, the normal client got 503 overloaded; when they held a thread, it waited.
 */
class SlowBodyTest {
    private static final int TRICKLERS = 20;
    private static final long BODY_TIMEOUT_MS = 500;

    @Test
    void tricklersGet408AndTakeNothingFromNormalClients() throws Exception {
        try (ModelServer server = ModelServer.start(DecisionTest.settings("server.maxInFlight", "2", "server.threads", "8",
                "server.bodyTimeoutMs", Long.toString(BODY_TIMEOUT_MS), "server.idleTimeoutMs", "5000"))) {
            assertTrue(server.awaitModel(120_000));
            TestClient client = new TestClient(server.url());
            String body = TestClient.body(TestClient.matrix(1));
            assertEquals(200, client.postJson(body).statusCode(), "warm");

            AtomicBoolean stop = new AtomicBoolean();
            List<Socket> sockets = new ArrayList<>();
            List<Thread> senders = new ArrayList<>();
            for (int i = 0; i < TRICKLERS; i++) {
                Socket s = new Socket("127.0.0.1", server.port());
                s.getOutputStream().write(("POST " + TestClient.DECISION + " HTTP/1.1\r\nHost: x\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 7942\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
                sockets.add(s);
                OutputStream out = s.getOutputStream();
                Thread t = new Thread(() -> trickle(out, stop));
                t.setDaemon(true);
                t.start();
                senders.add(t);
            }
            try {
                long t0 = System.nanoTime();
                for (int i = 0; i < 20; i++) {
                    HttpResponse<String> r = client.postJson(body);
                    assertEquals(200, r.statusCode(), "a normal decision while " + TRICKLERS + " bodies trickle: " + r.body());
                }
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertTrue(ms < BODY_TIMEOUT_MS * 4, "20 decisions took " + ms + " ms: they waited for the tricklers");

                for (Socket s : sockets) {
                    s.setSoTimeout(10_000);
                    long start = System.nanoTime();
                    RawHttp.Response r = RawHttp.read(s.getInputStream());
                    assertEquals(408, r.status(), r.head());
                    JsonNode j = TestClient.MAPPER.readTree(r.body());
                    assertEquals("request_timeout", j.path("error").asText(), r.body());
                    assertTrue(j.path("message").asText().startsWith("the request body did not arrive within 500 ms ("),
                            r.body());
                    assertEquals(2, j.size(), r.body());
                    assertEquals("close", r.header("Connection"));
                    ServerTimingTest.parse(r.header("Server-Timing"));
                    assertTrue((System.nanoTime() - start) / 1_000_000 < 5_000, "answered at the deadline, not the idle timeout");
                }
            } finally {
                stop.set(true);
                for (Socket s : sockets) s.close();
            }
            assertEquals(200, client.postJson(body).statusCode(), "and after them");
        }
    }

    /** The normal body split in two writes a moment apart still counts as one body (the copy path). */
    @Test
    void aBodyInSeveralPiecesIsReadWhole() throws Exception {
        try (ModelServer server = ModelServer.start(DecisionTest.settings("server.bodyTimeoutMs", "2000"))) {
            assertTrue(server.awaitModel(120_000));
            byte[] body = TestClient.body(TestClient.matrix(2)).getBytes(StandardCharsets.UTF_8);
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                s.setSoTimeout(10_000);
                OutputStream out = s.getOutputStream();
                out.write(("POST " + TestClient.DECISION + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                for (int from = 0; from < body.length; from += 1000) {
                    out.write(body, from, Math.min(1000, body.length - from));
                    out.flush();
                    Thread.sleep(30);
                }
                RawHttp.Response r = RawHttp.read(s.getInputStream());
                assertEquals(200, r.status(), r.body());
                assertTrue(r.body().contains("\"action\""), r.body());
            }
        }
    }

    private static void trickle(OutputStream out, AtomicBoolean stop) {
        try {
            while (!stop.get()) {
                Thread.sleep(100);
                out.write(' ');
                out.flush();
            }
        } catch (Exception e) {
            // the server answered 408 and closed: done
        }
    }
}
