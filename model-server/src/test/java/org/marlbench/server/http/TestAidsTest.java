package org.marlbench.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.marlbench.server.ModelServer;

/**
 * The test aids through the real server: set by configuration only, loud at start-up, and doing what
 * they say (the leak shows in GET /sidecar/resources, the cap in the time decisions take).
 */
class TestAidsTest {

    @Test
    void theNativeLeakShowsInTheSidecarAndIsAnnounced() throws Exception {
        ListAppender<ILoggingEvent> log = capture();
        try (ModelServer server = ModelServer.start(DecisionTest.settings("testaid.leakNativeArrayEvery", "1",
                "sidecar.intervalMs", "50"))) {
            assertTrue(server.awaitModel(120_000));
            TestClient client = new TestClient(server.url());
            long before = nativeArraysAfterANewSample(client);
            String body = TestClient.body(TestClient.matrix(5));
            for (int i = 0; i < 20; i++) assertEquals(200, client.postJson(body).statusCode());
            assertEquals(before + 20, nativeArraysAfterANewSample(client), "one array per decision");
        } finally {
            release(log);
        }
        assertTrue(warned(log, "TEST AID ON: testaid.leakNativeArrayEvery=1"), "a WARN at start-up");
    }

    @Test
    void withoutTheAidTheCountStaysFlat() throws Exception {
        try (ModelServer server = ModelServer.start(DecisionTest.settings("sidecar.intervalMs", "50"))) {
            assertTrue(server.awaitModel(120_000));
            TestClient client = new TestClient(server.url());
            long before = nativeArraysAfterANewSample(client);
            String body = TestClient.body(TestClient.matrix(5));
            for (int i = 0; i < 20; i++) assertEquals(200, client.postJson(body).statusCode());
            assertEquals(before, nativeArraysAfterANewSample(client));
        }
    }

    @Test
    void theThroughputCapMakesDecisionsWaitAndIsAnnounced() throws Exception {
        ListAppender<ILoggingEvent> log = capture();
        try (ModelServer server = ModelServer.start(DecisionTest.settings("testaid.maxDecisionsPerSecond", "20"))) {
            assertTrue(server.awaitModel(120_000));
            TestClient client = new TestClient(server.url());
            String body = TestClient.body(TestClient.matrix(5));
            assertEquals(200, client.postJson(body).statusCode());
            long t0 = System.nanoTime();
            for (int i = 0; i < 10; i++) assertEquals(200, client.postJson(body).statusCode(), "waits, never refused");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms >= 400, "10 decisions at 20/s take ~500 ms, took " + ms);
        } finally {
            release(log);
        }
        assertTrue(warned(log, "TEST AID ON: testaid.maxDecisionsPerSecond=20"), "a WARN at start-up");
    }

    /** inference.nativeArrays of a sample taken after this call (so decisions answered before it are in it). */
    private static long nativeArraysAfterANewSample(TestClient client) throws InterruptedException {
        Supplier<com.fasterxml.jackson.databind.JsonNode> latest = () -> TestClient.json(client.get("/sidecar/resources"));
        long t0 = System.currentTimeMillis();
        long deadline = t0 + 10_000;
        com.fasterxml.jackson.databind.JsonNode s = latest.get();
        while (s.get("timestampMs").asLong() <= t0 + 10 || !s.get("inference").has("nativeArrays")) {
            if (System.currentTimeMillis() > deadline) throw new AssertionError("no new sample with nativeArrays: " + s);
            Thread.sleep(20);
            s = latest.get();
        }
        return s.get("inference").get("nativeArrays").asLong();
    }

    private static ListAppender<ILoggingEvent> capture() {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        root().addAppender(log);
        return log;
    }

    private static void release(ListAppender<ILoggingEvent> log) {
        root().detachAppender(log);
    }

    private static ch.qos.logback.classic.Logger root() {
        return (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    private static boolean warned(ListAppender<ILoggingEvent> log, String start) {
        return log.list.stream().anyMatch(e -> e.getLevel() == Level.WARN && e.getFormattedMessage().startsWith(start));
    }
}
