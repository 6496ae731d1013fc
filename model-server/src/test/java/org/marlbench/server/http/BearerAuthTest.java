package org.marlbench.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.marlbench.server.http.ErrorAssertions.assertError;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.marlbench.server.ModelServer;
import org.marlbench.server.Settings;

/**
 * server.authToken (issue 10, item 3): when set, every route wants "Authorization: Bearer <token>"
 * and answers 401 unauthorized in the error shape otherwise; the token is never logged.
 */
class BearerAuthTest {
    private static final String TOKEN = "t0ken-for-the-auth-test-7f3a";

    @Test
    void everyRouteWantsTheTokenAndItIsNeverLogged() throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(log);
        try (ModelServer server = ModelServer.start(DecisionTest.settings("server.authToken", TOKEN))) {
            assertTrue(server.awaitModel(120_000));
            TestClient client = new TestClient(server.url());
            String body = TestClient.body(TestClient.matrix(1));

            for (String path : new String[] {"/health", "/sidecar/resources", "/sidecar/resources/series", "/metrics", "/no/such/route"}) {
                HttpResponse<String> r = client.get(path);
                assertError(r, 401, "unauthorized");
                assertEquals("Bearer realm=\"model-server\"", r.headers().firstValue("WWW-Authenticate").orElse(null), path);
            }
            HttpResponse<String> decision = client.postJson(body);
            assertError(decision, 401, "unauthorized");
            ErrorAssertions.assertServerTiming(decision);
            assertError(client.send(post(server, body, "Bearer wrong-token-of-some-length")), 401, "unauthorized");
            assertError(client.send(post(server, body, TOKEN)), 401, "unauthorized"); // no scheme
            assertError(client.send(post(server, body, "Basic " + TOKEN)), 401, "unauthorized");

            assertEquals(200, client.send(post(server, body, "Bearer " + TOKEN)).statusCode());
            assertEquals(200, client.send(post(server, body, "bearer " + TOKEN)).statusCode(), "the scheme is case-insensitive");
            assertEquals(200, client.send(get(server, "/health", "Bearer " + TOKEN)).statusCode());
            assertEquals(200, client.send(get(server, "/sidecar/resources/series", "Bearer " + TOKEN)).statusCode());
            assertEquals(200, client.send(get(server, "/metrics", "Bearer " + TOKEN)).statusCode());
            assertEquals(404, client.send(get(server, "/no/such/route", "Bearer " + TOKEN)).statusCode());
        } finally {
            root.detachAppender(log);
        }
        assertFalse(log.list.isEmpty());
        for (ILoggingEvent e : log.list) {
            assertFalse(e.getFormattedMessage().contains(TOKEN), "logged: " + e.getFormattedMessage());
        }
        HttpSettings settings = HttpSettings.from(Settings.of(Map.of("server.authToken", TOKEN)));
        assertFalse(settings.toString().contains(TOKEN), settings.toString());
        assertTrue(settings.authToken().isSet());
    }

    @Test
    void aBadTokenIsRefusedAtStartWithTheKeyButNotTheValue() {
        IllegalArgumentException shortOne = assertThrows(IllegalArgumentException.class,
                () -> HttpSettings.from(Settings.of(Map.of("server.authToken", "short-secret"))));
        assertTrue(shortOne.getMessage().startsWith("server.authToken must be"), shortOne.getMessage());
        assertFalse(shortOne.getMessage().contains("short-secret"), shortOne.getMessage());
        IllegalArgumentException spaced = assertThrows(IllegalArgumentException.class,
                () -> HttpSettings.from(Settings.of(Map.of("server.authToken", "a token with spaces in it"))));
        assertTrue(spaced.getMessage().contains("server.authToken") && !spaced.getMessage().contains("spaces in it"), spaced.getMessage());
        assertFalse(HttpSettings.from(Settings.of(Map.of())).authToken().isSet(), "empty: no authentication");
    }

    private static HttpRequest.Builder post(ModelServer server, String body, String authorization) {
        return HttpRequest.newBuilder(URI.create(server.url() + TestClient.DECISION)).header("Content-Type", "application/json")
                .header("Authorization", authorization).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }

    private static HttpRequest.Builder get(ModelServer server, String path, String authorization) {
        return HttpRequest.newBuilder(URI.create(server.url() + path)).header("Authorization", authorization).GET();
    }
}
