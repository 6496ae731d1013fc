package org.marlbench.bench.resources;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.marlbench.bench.results.CheckResult;
import org.marlbench.bench.results.ResourceResult;
import org.marlbench.bench.results.SidecarSample;
import org.marlbench.bench.testing.SyntheticRuns;

class ResourceSummaryTest {
    static final long T0 = Instant.parse("2026-11-29T12:00:00Z").toEpochMilli();

    /** A sample every 250 ms: RSS growing 1 MiB per sample, CPU 150 % while loaded (in [2 s, 4 s)), 10 % otherwise. */
    static List<SidecarSample> samples(int n, long fallbacksPerSample) {
        List<SidecarSample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long t = T0 + 250L * i;
            boolean loaded = t - 125 >= T0 + 2000 && t - 125 < T0 + 4000;
            out.add(new SidecarSample(Instant.ofEpochMilli(t).toString(),
                    new SidecarSample.Process((300L << 20) + ((long) i << 20), 0, 0, 0, loaded ? 150 : 10, 40, i, i * 2L),
                    new SidecarSample.SystemInfo(50, 2, 1L << 34, 1L << 33, 1.0), List.of(),
                    new SidecarSample.Inference(i * 100L, 0, 0, i * fallbacksPerSample)));
        }
        return out;
    }

    @Test
    void cpuIsAveragedOverTheWindowsOnlyAndMemoryOverEverything() {
        ResourceResult r = ResourceSummary.of("B1", 250, samples(25, 0),
                List.of(new ResourceSummary.Window(T0 + 2000, T0 + 4000)), 1000, true);
        assertEquals(150.0, r.cpuMeanPercent(), 1e-9, "an A/B server idles between its rounds: those samples do not count");
        assertEquals(75.0, r.cpuMeanPercentOfMachine(), 1e-9);
        assertEquals(24L << 20, r.memoryIncreaseBytes());
        assertEquals(24, r.gcCountDelta());
        assertEquals(25, r.series().size());
        assertEquals(0.0, r.fallbackPercent());
    }

    /**
     * A server of an A/B run: busy (60 % of a core, 4,000 decisions/s) in its own 500 ms rounds, one
     * round in four, idle (2 %) in the others'; its sampler every 250 ms at a phase of its own.
     */
    static List<SidecarSample> abServer(long phaseMs) {
        List<SidecarSample> out = new ArrayList<>();
        double requests = 0;
        for (long t = T0 + phaseMs; t < T0 + 8000; t += 250) {
            double busyMs = 0;
            for (long ms = t - 250; ms < t; ms++) if (Math.floorMod(ms - T0, 2000) < 500) busyMs++;
            requests += 4.0 * busyMs;
            double cpu = (60 * busyMs + 2 * (250 - busyMs)) / 250;
            out.add(new SidecarSample(Instant.ofEpochMilli(t).toString(), new SidecarSample.Process(300L << 20, 0, 0, 0, cpu, 40, 0, 0),
                    new SidecarSample.SystemInfo(50, 2, 1L << 34, 1L << 33, 1.0), List.of(),
                    new SidecarSample.Inference(Math.round(requests), 0, 0, 0)));
        }
        return out;
    }

    @Test
    void cpuPerDecisionOfARoundIsTheSameWhateverThePhaseOfTheServersSampler() {
        // 60 % of a core over 4,000 decisions/s = 150 µs each, in every round of its own, at every phase
        for (long phase : new long[] {0, 40, 125, 200, 249}) {
            for (long round = 0; round < 4; round++) {
                ResourceSummary.Window own = new ResourceSummary.Window(T0 + 2000 * round, T0 + 2000 * round + 500);
                assertEquals(150.0, ResourceSummary.cpuMicrosPerDecision(abServer(phase), own), 1e-9, "phase " + phase + " ms");
            }
        }
    }

    @Test
    void aServersMeanCpuOverItsRoundsIsTheSameWhateverThePhaseOfItsSampler() {
        // the B servers' CPU limit is held against this mean: 60 % in its own rounds, whatever the phase
        List<ResourceSummary.Window> ownRounds = new ArrayList<>();
        for (long round = 0; round < 4; round++) ownRounds.add(new ResourceSummary.Window(T0 + 2000 * round, T0 + 2000 * round + 500));
        for (long phase : new long[] {0, 40, 125, 200, 249}) {
            ResourceResult r = ResourceSummary.of("B1", 250, abServer(phase), ownRounds, 8000, false);
            assertEquals(60.0, r.cpuMeanPercent(), 1e-9, "phase " + phase + " ms");
            assertEquals(60.0, r.cpuPeakPercent(), 1e-9, "phase " + phase + " ms");
        }
    }

    @Test
    void cpuPerDecisionNeedsTwoSamplesAndDecisionsInTheRound() {
        List<SidecarSample> samples = abServer(0);
        assertNull(ResourceSummary.cpuMicrosPerDecision(samples, new ResourceSummary.Window(T0 + 2010, T0 + 2240)), "no sample inside");
        assertNull(ResourceSummary.cpuMicrosPerDecision(samples, new ResourceSummary.Window(T0 + 2010, T0 + 2260)), "one sample inside");
        assertNull(ResourceSummary.cpuMicrosPerDecision(samples, new ResourceSummary.Window(T0 + 1000, T0 + 1500)), "an idle round");
    }

    @Test
    void theFallbackRateIsALimitLikeTheOthers() {
        ResourceResult r = ResourceSummary.of("B1", 250, samples(25, 5), List.of(new ResourceSummary.Window(T0, T0 + 6000)), 6000, false);
        assertEquals(120, r.fallbacksDelta());
        assertEquals(5.0, r.fallbackPercent(), 1e-9, "120 of the 2,400 requests the server counted");
        List<CheckResult> checks = ResourceLimits.evaluate(SyntheticRuns.config(75, 100), r, "B2: ");
        CheckResult fallback = checks.get(3);
        assertEquals("B2: fallbacks <= 1 % of decisions", fallback.name());
        assertFalse(fallback.passed());
        assertTrue(fallback.failsRun());
    }

    /** Samples every 250 ms of a server whose counters rise to {@code requests} and {@code fallbacks}. */
    static List<SidecarSample> counters(long requests, long fallbacks) {
        List<SidecarSample> out = new ArrayList<>();
        for (int i = 0; i <= 8; i++) {
            out.add(new SidecarSample(Instant.ofEpochMilli(T0 + 250L * i).toString(), new SidecarSample.Process(300L << 20, 0, 0, 0, 50, 40, 0, 0),
                    new SidecarSample.SystemInfo(50, 2, 1L << 34, 1L << 33, 1.0), List.of(),
                    new SidecarSample.Inference(requests * i / 8, 0, 0, fallbacks * i / 8)));
        }
        return out;
    }

    @Test
    void theFallbackRateIsTheServersOwnCountersNotTheCountedDecisions() {
        // an A/B server: 1,000 requests in its rounds, of which the 800 after the settle time were counted
        List<ResourceSummary.Window> round = List.of(new ResourceSummary.Window(T0, T0 + 2000));
        ResourceResult ab = ResourceSummary.of("B1", 250, counters(1000, 10), round, 800, false);
        assertEquals(800, ab.decisions());
        assertEquals(1.0, ab.fallbackPercent(), 1e-9, "10 of 1,000, not of 800 (1.25 %)");
        // a SPEC server whose request counter stays at 0: the counted decisions are all there is
        ResourceResult silent = ResourceSummary.of("B1", 250, counters(0, 10), round, 800, false);
        assertEquals(1.25, silent.fallbackPercent(), 1e-9);
        assertNull(ResourceSummary.of("B1", 250, counters(0, 10), round, 0, false).fallbackPercent(), "nothing to divide by");
    }

    @Test
    void aSoaksMemoryLimitHoldsOverItsSettledSecondHalf() {
        // 25 samples growing 1 MiB each (24 MiB in all): under a 50 MB limit either way
        ResourceResult steady = ResourceSummary.of("B1", 250, samples(25, 0), List.of(new ResourceSummary.Window(T0, T0 + 6000)), 0, true);
        assertEquals(12L << 20, ResourceLimits.secondHalfIncreaseBytes(steady), "samples 12..24");
        CheckResult memory = ResourceLimits.evaluateSoak(SyntheticRuns.config(75, 100), steady).get(0);
        assertTrue(memory.name().startsWith("memory increase over the soak's second half"), memory.name());
        assertTrue(memory.passed());

        // settling: +60 MiB in the first half, flat after: the whole-window limit fails, the soak's passes
        List<SidecarSample> settling = new ArrayList<>();
        for (SidecarSample s : samples(25, 0)) {
            long t = s.epochMs() - T0;
            long rss = (300L << 20) + (Math.min(t, 3000) / 50 << 20);
            settling.add(new SidecarSample(s.timestamp(), new SidecarSample.Process(rss, 0, 0, 0, 10, 40, 0, 0), s.system(), s.gpu(),
                    s.inference()));
        }
        ResourceResult settled = ResourceSummary.of("B1", 250, settling, List.of(new ResourceSummary.Window(T0, T0 + 6000)), 0, true);
        assertEquals(60L << 20, settled.memoryIncreaseBytes());
        assertFalse(ResourceLimits.evaluate(SyntheticRuns.config(75, 100), settled, "").get(0).passed());
        assertTrue(ResourceLimits.evaluateSoak(SyntheticRuns.config(75, 100), settled).get(0).passed());

        // still growing in the second half: fails
        List<SidecarSample> growing = new ArrayList<>();
        for (SidecarSample s : samples(25, 0)) {
            long rss = (300L << 20) + ((s.epochMs() - T0) / 50 << 20);
            growing.add(new SidecarSample(s.timestamp(), new SidecarSample.Process(rss, 0, 0, 0, 10, 40, 0, 0), s.system(), s.gpu(),
                    s.inference()));
        }
        ResourceResult leaking = ResourceSummary.of("B1", 250, growing, List.of(new ResourceSummary.Window(T0, T0 + 6000)), 0, true);
        assertFalse(ResourceLimits.evaluateSoak(SyntheticRuns.config(75, 100), leaking).get(0).passed(), "60 MiB over samples 12..24");

        ResourceResult noSeries = ResourceSummary.of("B1", 250, samples(25, 0), List.of(), 0, false);
        assertThrows(IllegalStateException.class, () -> ResourceLimits.evaluateSoak(SyntheticRuns.config(75, 100), noSeries));
    }

    @Test
    void noSamplesIsAClearError() {
        assertThrows(IllegalStateException.class, () -> ResourceSummary.of("B1", 250, List.of(), List.of(), 0, false));
    }
}
