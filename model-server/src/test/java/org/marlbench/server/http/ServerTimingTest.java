package org.marlbench.server.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.marlbench.server.ModelServer;

/**
 * Server-Timing: its format, and that every answer on the decision route carries it -- the
 * decision, each error the handler raises, Javalin's 405, and what Jetty rejects before routing.
 */
class ServerTimingTest {
    private static final Pattern FORMAT =
            Pattern.compile("model;dur=(\\d+\\.\\d{3}), total;dur=(\\d+\\.\\d{3})");
    private static ModelServer server;

    /** [model ms, total ms] of a Server-Timing value; fails unless it is exactly our format. */
    static double[] parse(String value) {
        if (value == null) throw new AssertionError("no Server-Timing");
        Matcher m = FORMAT.matcher(value);
        if (!m.matches()) throw new AssertionError("Server-Timing not in the expected format: " + value);
        return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))};
    }

    @BeforeAll
    static void start() throws Exception {
        server = ModelServer.start(DecisionTest.settings("server.maxBodyBytes", "100000"));
        assertTrue(server.awaitModel(120_000), "the component must load: the 200 case needs it");
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void formatsMillisecondsWithMicrosecondPrecision() {
        assertEquals("model;dur=0.184, total;dur=0.231", ServerTiming.value(184_000, 231_000));
        assertEquals("model;dur=0.000, total;dur=12.005", ServerTiming.value(0, 12_004_600));
        assertEquals("model;dur=1.000, total;dur=1234.567", ServerTiming.value(999_500, 1_234_567_000L));
        assertEquals("model;dur=0.007, total;dur=0.070", ServerTiming.value(7_000, 70_000));
        assertArrayEquals(new double[] {0.184, 0.231}, parse(ServerTiming.value(184_000, 231_000)));
    }

    @Test
    void everyAnswerOnTheDecisionRouteCarriesIt() {
        String d = TestClient.DECISION;
        String valid = TestClient.body(TestClient.matrix(1));
        Map<String, String> requests = new LinkedHashMap<>();
        requests.put("200 decision", RawHttp.post("application/json", valid));
        requests.put("400 malformed_json", RawHttp.post("application/json", "{\"matrix\": [[1,"));
        requests.put("400 bad_shape", RawHttp.post("application/json", "{\"matrix\": [[1, 2]]}"));
        requests.put("400 non_finite", RawHttp.post("application/json", TestClient.bodyWithCell(0, 0, "NaN")));
        requests.put("415 unsupported_media_type", RawHttp.post("text/plain", valid));
        requests.put("413 too_large", "POST " + d + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 200000\r\nConnection: close\r\n\r\n");
        requests.put("405 method_not_allowed", "GET " + d + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        requests.put("405 with a trailing slash", "GET " + d + "/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        requests.put("400 from Jetty (negative Content-Length)", "POST " + d + " HTTP/1.1\r\nHost: x\r\n"
                + "Content-Type: application/json\r\nContent-Length: -5\r\nConnection: close\r\n\r\n");
        requests.put("431 from Jetty (headers too large)", "POST " + d + " HTTP/1.1\r\nHost: x\r\nX-Big: "
                + "a".repeat(20_000) + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
        for (Map.Entry<String, String> c : requests.entrySet()) {
            RawHttp.Response r = RawHttp.exchange(server.port(), c.getValue());
            String what = c.getKey() + ": " + r.head();
            assertEquals(Integer.parseInt(c.getKey().substring(0, 3)), r.status(), what);
            double[] t = parse(r.header("Server-Timing"));
            assertTrue(t[1] >= t[0], what);
            if (r.status() == 200) {
                assertTrue(t[0] > 0, "the model ran: " + what);
            } else {
                assertEquals(0.0, t[0], "the model did not run: " + what);
            }
        }
    }

    @Test
    void otherRoutesDoNotCarryIt() {
        RawHttp.Response r = RawHttp.exchange(server.port(), "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertEquals(200, r.status());
        assertNull(r.header("Server-Timing"), r.head());
    }
}
