package org.marlbench.bench.diagnostics;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.marlbench.bench.results.LeakResult;
import org.marlbench.bench.results.SidecarSample;
import org.marlbench.bench.testing.SyntheticRuns;

/** The leak verdict on synthetic series: flat, leaking, noisy. */
class LeakJudgeTest {
    static final long T0 = Instant.parse("2026-11-29T12:00:00Z").toEpochMilli();

    /** 10 minutes at 250 ms: RSS = 400 MB + slope x hours + noise (MB, AR(1)-like wobble), arrays = 20 + leak. */
    static List<SidecarSample> series(double mbPerHour, double noiseMb, double arraysPerHour, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<SidecarSample> out = new ArrayList<>();
        double wobble = 0;
        for (int i = 0; i < 2400; i++) {
            double hours = i * 0.25 / 3600;
            wobble = 0.9 * wobble + noiseMb * SyntheticRuns.gaussian(r);
            long rss = (long) ((400 + mbPerHour * hours + wobble) * 1024 * 1024);
            long heapAfterGc = (long) ((60 + 0.1 * SyntheticRuns.gaussian(r)) * 1024 * 1024);
            out.add(new SidecarSample(Instant.ofEpochMilli(T0 + 250L * i).toString(),
                    new SidecarSample.Process(rss, 0, 0, 0, 100, 40, i / 10, i, heapAfterGc, i * 1_000_000L),
                    new SidecarSample.SystemInfo(50, 2, 1L << 34, 1L << 33, 1.0), List.of(),
                    new SidecarSample.Inference(i * 700L, 0, 2, 0, Math.round(20 + arraysPerHour * hours))));
        }
        return out;
    }

    @Test
    void aFlatServerHasNoLeakEvenWhenItsRssWobbles() {
        for (long seed = 1; seed <= 20; seed++) {
            LeakResult flat = LeakJudge.judge(series(0, 2.0, 0, seed), 50, 1000);
            assertEquals(LeakResult.NONE, flat.verdict(), "seed " + seed + ": " + flat.series());
        }
    }

    @Test
    void aLeakAboveTheLimitIsSuspectedInTheRightSeries() {
        LeakResult rss = LeakJudge.judge(series(400, 2.0, 0, 7), 50, 1000);
        assertEquals(LeakResult.SUSPECTED, rss.verdict());
        LeakResult.Series s = rss.series().get(0);
        assertEquals("RSS", s.name());
        assertTrue(s.suspected());
        assertEquals(400, s.perHour(), 120);
        assertFalse(rss.series().get(1).suspected(), "heap after GC is flat");

        LeakResult arrays = LeakJudge.judge(series(0, 2.0, 36_000, 7), 50, 1000); // 10 native arrays a second never closed
        assertEquals(LeakResult.SUSPECTED, arrays.verdict());
        assertTrue(arrays.series().get(2).suspected(), arrays.series().get(2).toString());
    }

    @Test
    void aShortSoakDoesNotExtrapolateTheSettlingOfItsFirstSecondsToAnHour() {
        // 40 s: RSS climbs 15 MB in the first 20 s (arenas, code cache), then is flat
        List<SidecarSample> soak = new ArrayList<>();
        for (SidecarSample s : series(0, 0.3, 0, 9).subList(0, 160)) {
            long t = s.epochMs() - T0;
            long rss = s.process().rssBytes() + (long) (Math.min(t, 20_000) / 20_000.0 * 15 * 1024 * 1024);
            var p = s.process();
            soak.add(new SidecarSample(s.timestamp(), new SidecarSample.Process(rss, 0, 0, 0, 1, 1, 0, 0, p.heapUsedAfterGcBytes(),
                    p.allocatedBytes()), s.system(), s.gpu(), s.inference()));
        }
        assertEquals(LeakResult.NONE, LeakJudge.judge(soak, 50, 1000).verdict());
    }

    @Test
    void aSlowGrowthBelowTheLimitIsNotALeak() {
        assertEquals(LeakResult.NONE, LeakJudge.judge(series(10, 0.2, 0, 3), 50, 1000).verdict());
    }

    @Test
    void aServerWithoutTheExtraFieldsIsJudgedOnRssAlone() {
        List<SidecarSample> spec = new ArrayList<>();
        for (SidecarSample s : series(0, 1.0, 0, 5)) {
            var p = s.process();
            spec.add(new SidecarSample(s.timestamp(), new SidecarSample.Process(p.rssBytes(), 0, 0, 0, 1, 1, 0, 0),
                    s.system(), s.gpu(), new SidecarSample.Inference(0, 0, 0, 0)));
        }
        LeakResult r = LeakJudge.judge(spec, 50, 1000);
        assertEquals(1, r.series().size());
        assertEquals(LeakResult.NONE, r.verdict());
    }
}
