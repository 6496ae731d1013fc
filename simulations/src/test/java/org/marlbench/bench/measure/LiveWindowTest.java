package org.marlbench.bench.measure;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class LiveWindowTest {
    @Test
    void eachTakeHoldsWhatCameSinceTheLast() throws Exception {
        LiveWindow w = new LiveWindow();
        for (int i = 1; i <= 100; i++) w.record(i * 10L, true);
        w.record(5, false);
        Thread.sleep(20);
        LiveWindow.Snapshot first = w.take();
        assertEquals(100, first.ok());
        assertEquals(1, first.failed());
        assertEquals(500, first.p50Micros(), 10);
        assertEquals(990, first.p99Micros(), 10);
        assertTrue(first.perSecond() > 0);
        LiveWindow.Snapshot second = w.take();
        assertEquals(0, second.ok());
        assertEquals(0, second.failed());
    }
}
