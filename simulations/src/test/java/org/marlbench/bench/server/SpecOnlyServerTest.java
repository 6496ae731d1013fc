package org.marlbench.bench.server;

import static org.junit.jupiter.api.Assertions.*;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.marlbench.feeders.MarketFeed;

/** The benchmark's own HTTP calls work against any server that speaks SPEC, not only ours. */
class SpecOnlyServerTest {

    @Test
    void theJdkClientsDefaultUpgradeIsWhatSuchAServerRefuses() throws Exception {
        try (SpecOnlyServer server = new SpecOnlyServer()) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url() + "/health"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, r.statusCode(), "the JDK's default client sends Upgrade: h2c on plain http");
            assertEquals("Unsupported upgrade request", r.body());
        }
    }

    @Test
    void healthProbeAndSidecarWorkAgainstASpecOnlyServer() throws Exception {
        try (SpecOnlyServer server = new SpecOnlyServer()) {
            ExternalServer attached = ExternalServer.attach(server.url(), null, "-DbaseUrl", Duration.ofSeconds(5));
            assertTrue(attached.alive());
            SpecProbe.requireConformant(attached.client(), MarketFeed.load().get(0).bodyJson());
            var target = ServerSet.describe(attached, "under test", null, 1);
            assertEquals("pytorch-1.13.1-unknown", target.key(), "a server that does not say its model is 'unknown'");

            long since = System.currentTimeMillis() - 5_000;
            SidecarSeries series = attached.client().series(since);
            assertTrue(series.samples().size() > SpecOnlyServer.SAMPLES_PER_ANSWER, "paged past the per-answer cap: "
                    + series.samples().size());
            long previous = Long.MIN_VALUE;
            for (var s : series.samples()) {
                assertTrue(s.epochMs() >= since && s.epochMs() > previous, "from SPEC's ISO timestamp, in order");
                previous = s.epochMs();
            }
            assertTrue(server.upgradesRefused.isEmpty(), "no request of ours asked for an upgrade: " + server.upgradesRefused);
        }
    }
}
