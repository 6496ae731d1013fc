package org.marlbench.feeders;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The committed data files, their classpath copies and the loader API. */
class FeedFilesTest {
    static final Path DATA = Path.of("data"); // surefire runs in the module directory
    static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void committedMarketFileEqualsRegeneration() throws IOException {
        byte[] committed = Files.readAllBytes(DATA.resolve(GenerateFeeders.MARKET_FILE));
        byte[] regenerated = GenerateFeeders.marketFeed(MarketMatrixGenerator.DEFAULT_SEED, MarketMatrixGenerator.DEFAULT_COUNT)
                .getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(regenerated, committed,
                "feeders/data/market-matrices.jsonl drifted from the generator: regenerate it (see feeders/README.md)");
    }

    @Test
    void committedInvalidFileEqualsRegeneration() throws IOException {
        byte[] committed = Files.readAllBytes(DATA.resolve(GenerateFeeders.INVALID_FILE));
        assertArrayEquals(GenerateFeeders.invalidRequests().getBytes(StandardCharsets.UTF_8), committed,
                "feeders/data/invalid-requests.jsonl drifted from the generator: regenerate it (see feeders/README.md)");
    }

    @Test
    void dataFilesArePackagedOnTheClasspath() throws IOException {
        for (String file : List.of(GenerateFeeders.MARKET_FILE, GenerateFeeders.INVALID_FILE)) {
            try (InputStream in = MarketFeed.class.getResourceAsStream("/feeders/" + file)) {
                assertNotNull(in, "/feeders/" + file + " not on the classpath");
                assertArrayEquals(Files.readAllBytes(DATA.resolve(file)), in.readAllBytes(), file);
            }
        }
    }

    @Test
    void marketFileStaysCompact() throws IOException {
        long bytes = Files.size(DATA.resolve(GenerateFeeders.MARKET_FILE));
        assertTrue(bytes < 1_500_000, "market file is " + bytes + " bytes");
    }

    @Test
    void loadGivesEveryRecordInOrderWithPostableBodies() throws IOException {
        List<MarketRecord> feed = MarketFeed.load();
        assertEquals(MarketMatrixGenerator.DEFAULT_COUNT, feed.size());
        assertSame(feed, MarketFeed.load(), "loaded once");
        assertThrows(UnsupportedOperationException.class, () -> feed.add(new MarketRecord(0, "x", "{}")));
        List<GeneratedMatrix> regenerated = new MarketMatrixGenerator(MarketMatrixGenerator.DEFAULT_SEED)
                .generate(MarketMatrixGenerator.DEFAULT_COUNT);
        for (int i = 0; i < feed.size(); i++) {
            MarketRecord rec = feed.get(i);
            assertEquals(i, rec.id());
            assertEquals(MarketJson.body(regenerated.get(i)), rec.bodyJson(), "body of record " + i + " is the compact text");
            JsonNode body = MAPPER.readTree(rec.bodyJson());
            double[][] m = MAPPER.treeToValue(body.get("matrix"), double[][].class);
            assertEquals(48, m.length);
            for (double[] row : m) {
                assertEquals(13, row.length);
            }
            assertEquals(rec.regime(), SpecLabel.of(m), "record " + i + " label vs SPEC rule");
            assertEquals(String.format("feed-%06d", i), body.get("correlationId").asText());
            assertTrue(body.get("direction").asInt() == 1 || body.get("direction").asInt() == -1);
            double confidence = body.get("confidence").asDouble();
            assertTrue(confidence >= 0.55 && confidence <= 0.95, "confidence " + confidence);
            assertTrue(body.get("synergyType").isTextual());
            assertFalse(rec.bodyJson().contains(" ") || rec.bodyJson().contains("\n"), "compact body");
        }
    }

    @Test
    void committedFeedHasTheDefaultProportions() {
        long trending = MarketFeed.load().stream().filter(r -> r.regime().equals("trending")).count();
        long ranging = MarketFeed.load().stream().filter(r -> r.regime().equals("ranging")).count();
        long volatileCount = MarketFeed.load().stream().filter(r -> r.regime().equals("volatile")).count();
        // 256 x 40/40/20 = 102.4/102.4/51.2 -> largest remainder 103/102/51
        assertEquals(103, trending);
        assertEquals(102, ranging);
        assertEquals(51, volatileCount);
    }

    @Test
    void brokenFeedLinesAreRefusedLoudly() {
        assertThrows(IllegalStateException.class,
                () -> MarketFeed.parseLine("{\"id\":1,\"regime\":\"trending\",\"body\":{\"matrix\":[[1,2]]}}", "t:1"));
        assertThrows(IllegalArgumentException.class,
                () -> MarketFeed.parseLine("{\"id\":1,\"regime\":\"sideways\",\"body\":{\"matrix\":[]}}", "t:2"));
        assertThrows(IllegalStateException.class, () -> MarketFeed.parseLine("{\"id\":1,\"regime\":\"trending\"}", "t:3"));
        assertThrows(IllegalStateException.class, () -> MarketFeed.load("/feeders/no-such-file.jsonl"));
    }
}
