package org.marlbench.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.marlbench.server.component.StrategicComponent;

/**
 * Where the server answers (issue 10, item 3): a bind beyond loopback is a loud warning with every
 * address, and the printed URL is a real address of this machine, never 0.0.0.0 (which used to be
 * printed as 127.0.0.1 with no word about the exposure). No request leaves loopback here.
 */
class ExposureTest {
    private static final Supplier<StrategicComponent> NO_MODEL = () -> {
        throw new IllegalStateException("no model in this test");
    };

    @Test
    void aWildcardBindWarnsListsEveryAddressAndPrintsARealOne() throws Exception {
        ListAppender<ILoggingEvent> log = capture();
        try (ModelServer server = ModelServer.start(Settings.of(Map.of("server.port", "0", "server.host", "0.0.0.0")), NO_MODEL)) {
            URI url = URI.create(server.url());
            assertFalse(url.getHost().equals("0.0.0.0"), server.url());
            InetAddress printed = InetAddress.getByName(url.getHost());
            assertNotNull(NetworkInterface.getByInetAddress(printed), "an address of an interface of this machine: " + url);
            assertEquals(server.port(), url.getPort());
            assertTrue(server.addresses().addresses().contains(InetAddress.getByName("127.0.0.1")), server.addresses().toString());

            List<String> warnings = log.list.stream().filter(e -> e.getLevel() == Level.WARN)
                    .map(ILoggingEvent::getFormattedMessage).toList();
            assertTrue(warnings.stream().anyMatch(w -> w.startsWith("server.host=0.0.0.0 is not a loopback address")
                    && w.contains("WITHOUT authentication")), warnings.toString());
            for (String u : server.addresses().urls()) {
                assertTrue(warnings.contains("answering on " + u), "every address is logged: " + u + " in " + warnings);
            }
            // A wildcard bind answers on loopback too.
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/sidecar/resources")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
        } finally {
            release(log);
        }
    }

    @Test
    void loopbackIsQuietAndAHostNameIsPrintedAsItsAddress() {
        ListAppender<ILoggingEvent> log = capture();
        try (ModelServer server = ModelServer.start(Settings.of(Map.of("server.port", "0", "server.host", "localhost")), NO_MODEL)) {
            InetAddress printed = server.addresses().addresses().get(0);
            assertTrue(printed.isLoopbackAddress(), server.url());
            assertTrue(server.url().equals("http://127.0.0.1:" + server.port()) || server.url().equals("http://[0:0:0:0:0:0:0:1]:" + server.port()),
                    server.url());
            assertTrue(server.addresses().loopbackOnly());
            assertTrue(log.list.stream().noneMatch(e -> e.getLevel() == Level.WARN && e.getLoggerName().equals(ModelServer.class.getName())),
                    log.list.toString());
        } finally {
            release(log);
        }
    }

    private static ListAppender<ILoggingEvent> capture() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger().addAppender(appender);
        return appender;
    }

    private static void release(ListAppender<ILoggingEvent> appender) {
        logger().detachAppender(appender);
    }

    private static ch.qos.logback.classic.Logger logger() {
        return (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(ModelServer.class);
    }
}
