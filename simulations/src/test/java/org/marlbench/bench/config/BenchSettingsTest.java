package org.marlbench.bench.config;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The one configuration mechanism: documented defaults, the quick overlay, -D overrides, the bad key named. */
class BenchSettingsTest {

    static Properties props(String... kv) {
        Properties p = new Properties();
        p.setProperty("bench.projectDir", "/tmp/repo");
        for (int i = 0; i < kv.length; i += 2) p.setProperty(kv[i], kv[i + 1]);
        return p;
    }

    static BenchSettings load(String... kv) {
        return BenchSettings.load(props(kv));
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        BenchSettings s = load();
        assertEquals(new BenchmarkConfig(50, 75, 100, 100, 50, 80, 256, 1, 10, 100, 60, 10, 20), s.config());
        assertEquals("default", s.profileName());
        assertEquals(new WarmupSettings(10, 1000, 1000, 3, 5, 45, 30, 2), s.warmup());
        assertEquals(CompareSettings.Mode.OFF, s.compare().mode());
        assertEquals(Path.of("/tmp/repo/results-baseline"), s.gate().baselineDir());
        assertEquals(Path.of("/tmp/repo/results-baseline"), s.gate().historyDir());
        assertEquals(GateSettings.Update.FALSE, s.gate().update());
        assertEquals(5, s.gate().minRuns());
        assertEquals(20.0, s.gate().thresholdPercent());
        assertEquals(Path.of("/tmp/repo/simulations/target/benchmark"), s.outputRoot());
        assertEquals(0, s.thinkTimeMs());
    }

    @Test
    void systemPropertiesOverrideByKeyName() {
        BenchSettings s = load("users", "20", "targetP95Ms", " 30 ", "maxCpuPercent", "55.5", "regressionThresholdPercent", "10");
        assertEquals(20, s.config().users());
        assertEquals(30, s.config().targetP95Ms());
        assertEquals(55.5, s.config().maxCpuPercent());
        assertEquals(10.0, s.gate().thresholdPercent(), "the gate's threshold comes from the settings, not from stats.json");
    }

    @Test
    void quickOverlaysShortDurationsAndOverridesStillWin() {
        BenchSettings quick = load("quick", "");
        assertEquals("quick", quick.profileName());
        assertEquals(8, quick.config().loadDurationSeconds());
        assertEquals("1", quick.properties().string("rampSeconds"));
        assertEquals(4, quick.compare().blocks());
        assertEquals(4, quick.compare().burnInBlocks());
        assertEquals(40, quick.warmup().sharedMaxTotalSeconds());
        assertEquals(75, quick.config().targetP95Ms(), "limits are not relaxed by quick");
        assertEquals(3, load("quick", "true", "loadDurationSeconds", "3").config().loadDurationSeconds());
        assertEquals("default", load("quick", "false").profileName());
    }

    @Test
    void aBadValueNamesTheKeyTheValueAndWhatIsExpected() {
        for (String[] kv : new String[][] {{"users", "ten"}, {"iterations", "0"}, {"maxCpuPercent", "-1"}, {"targetP99Ms", ""},
                {"thinkTimeMs", "-1"}, {"baseline.enabled", "yes"}, {"compare.forks", "0"}, {"warmup.stableWindows", "1"},
                {"baseline.update", "sometimes"}, {"history.maxRuns", "x"}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> load(kv).thinkTimeMs(),
                    kv[0] + "=" + kv[1]);
            assertTrue(e.getMessage().contains("'" + kv[0] + "'"), e.getMessage());
        }
    }

    @Test
    void aTypoInOurNamespacesIsRejectedOthersAreIgnored() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> load("compare.reff", "HEAD"));
        assertTrue(e.getMessage().contains("unknown benchmark property 'compare.reff'"), e.getMessage());
        // renamed when it became a cap in all instead of per server: the old name fails rather than mean less
        assertThrows(IllegalArgumentException.class, () -> load("warmup.sharedMaxSeconds", "10"));
        assertDoesNotThrow(() -> load("java.awt.headless", "true", "gatling.simulationClass", "X"));
    }

    @Test
    void serverSettingsAreHandedToManagedServersAsGiven() {
        BenchSettings s = load("server.fault.delayMicros", "50", "model.seed", "7", "server.authToken", "s3cret",
                "testaid.maxDecisionsPerSecond", "900");
        assertEquals("50", s.launch().serverProperties().get("server.fault.delayMicros"));
        assertEquals("900", s.launch().serverProperties().get("testaid.maxDecisionsPerSecond"), "test aids reach the server");
        assertEquals("7", s.launch().serverProperties().get("model.seed"));
        assertEquals("s3cret", s.launch().authToken());
        assertNull(load().launch().authToken());
    }

    @Test
    void updateTrueMeansAppend() {
        assertEquals(GateSettings.Update.APPEND, load("baseline.update", "true").gate().update());
        assertEquals(GateSettings.Update.NEW, load("baseline.update", "NEW").gate().update());
    }

    @Test
    void compareModesAndTheirMistakes() {
        CompareSettings ref = load("compare.ref", "main").compare();
        assertEquals(CompareSettings.Mode.REF, ref.mode());
        assertEquals(Path.of("/tmp/repo/target/ab-reference"), ref.buildDir());
        assertEquals(12 * 8 * 0.5, ref.measuredSeconds(), 1e-9, "12 blocks x 8 rounds x 500 ms");
        assertEquals(8, ref.burnInBlocks(), "ConcurrentUsers' uncounted blocks at its own load");

        CompareSettings url = load("compare.baseUrl", "http://127.0.0.1:1/", "baseUrl", "http://127.0.0.1:2").compare();
        assertEquals(CompareSettings.Mode.URL, url.mode());
        assertEquals("http://127.0.0.1:1", url.referenceUrl());
        assertEquals(1, url.forks(), "servers someone else started: one per side");

        assertTrue(assertThrows(IllegalArgumentException.class, () -> load("compare.baseUrl", "http://a:1"))
                .getMessage().contains("-DbaseUrl"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> load("compare.ref", "x", "compare.baseUrl", "http://a:1", "baseUrl", "http://b:1"))
                .getMessage().contains("give one"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> load("compare.ref", "x", "baseUrl", "http://b:1"))
                .getMessage().contains("cannot be combined"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> load("compare.roundMillis", "1000", "compare.settleMillis", "500"))
                .getMessage().contains("'compare.settleMillis'"));
    }
}
