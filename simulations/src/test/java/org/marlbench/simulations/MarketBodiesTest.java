package org.marlbench.simulations;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.marlbench.feeders.MarketFeed;
import org.marlbench.feeders.MarketRecord;

class MarketBodiesTest {

    private static List<MarketRecord> records(int n) {
        List<MarketRecord> rs = new ArrayList<>();
        for (int i = 0; i < n; i++) rs.add(new MarketRecord(i, "trending", "{\"matrix\":[[" + i + "]]}"));
        return rs;
    }

    private static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Test
    void handsOutTheBodiesInFileOrderThenStartsAgain() {
        MarketBodies bodies = MarketBodies.circular(records(3));
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 7; i++) seen.add(text(bodies.next()));
        assertEquals(List.of("{\"matrix\":[[0]]}", "{\"matrix\":[[1]]}", "{\"matrix\":[[2]]}",
                "{\"matrix\":[[0]]}", "{\"matrix\":[[1]]}", "{\"matrix\":[[2]]}", "{\"matrix\":[[0]]}"), seen);
    }

    @Test
    void theCommittedFeedIsServedWholeAndByteForByte() {
        List<MarketRecord> market = MarketFeed.load();
        MarketBodies bodies = MarketBodies.circular(market);
        assertEquals(market.size(), bodies.size());
        for (MarketRecord r : market) assertEquals(r.bodyJson(), text(bodies.next()));
    }

    @Test
    void usersSharingItGetEveryBodyEquallyOften() throws InterruptedException {
        int size = 5;
        int threads = 4;
        int perThread = 1000;
        MarketBodies bodies = MarketBodies.circular(records(size));
        ConcurrentHashMap<String, Integer> counts = new ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            new Thread(() -> {
                for (int i = 0; i < perThread; i++) counts.merge(text(bodies.next()), 1, Integer::sum);
                done.countDown();
            }).start();
        }
        done.await();
        assertEquals(size, counts.size());
        assertEquals(Set.of(threads * perThread / size), Set.copyOf(counts.values()));
    }

    @Test
    void anEmptyFeedIsAClearError() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> MarketBodies.circular(List.of()));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }
}
