package org.marlbench.bench.config;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

    private static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) p.setProperty(kv[i], kv[i + 1]);
        return p;
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        LoadedConfig loaded = ConfigLoader.load(props());
        assertEquals(new BenchmarkConfig(50, 75, 100, 100, 50, 80, 256, 10, 100, 60, 10, 20), loaded.config());
        assertEquals("default", loaded.profileName());
        assertEquals(12, loaded.config().asMap().size());
    }

    @Test
    void thinkTimeIsBackToBackByDefaultAndChecked() {
        assertEquals(0, ConfigLoader.load(props()).thinkTimeMs());
        assertEquals(1, ConfigLoader.load(props("thinkTimeMs", "1")).thinkTimeMs());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigLoader.load(props("thinkTimeMs", "-1")).thinkTimeMs());
        assertTrue(e.getMessage().contains("thinkTimeMs"), e.getMessage());
    }

    @Test
    void systemPropertiesOverrideByKeyName() {
        BenchmarkConfig c = ConfigLoader.load(props("users", "20", "targetP95Ms", " 30 ", "maxCpuPercent", "55.5")).config();
        assertEquals(20, c.users());
        assertEquals(30, c.targetP95Ms());
        assertEquals(55.5, c.maxCpuPercent());
        assertEquals(50, c.targetP50Ms());
    }

    @Test
    void quickOverlaysShortDurationsAndOverridesStillWin() {
        LoadedConfig quick = ConfigLoader.load(props("quick", ""));
        assertEquals("quick", quick.profileName());
        assertEquals(8, quick.config().loadDurationSeconds());
        assertEquals("1", quick.values().getProperty("rampSeconds"));
        assertEquals(75, quick.config().targetP95Ms(), "limits are not relaxed by quick");

        assertEquals(3, ConfigLoader.load(props("quick", "true", "loadDurationSeconds", "3")).config().loadDurationSeconds());
        assertEquals("default", ConfigLoader.load(props("quick", "false")).profileName());
    }

    @Test
    void badValueNamesTheProperty() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigLoader.load(props("users", "ten")));
        assertTrue(e.getMessage().contains("'users'"), e.getMessage());
        assertTrue(e.getMessage().contains("ten"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> ConfigLoader.load(props("iterations", "0")));
        assertTrue(e.getMessage().contains("'iterations'"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> ConfigLoader.load(props("maxCpuPercent", "-1")));
        assertTrue(e.getMessage().contains("'maxCpuPercent'"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> ConfigLoader.load(props("targetP99Ms", "")));
        assertTrue(e.getMessage().contains("'targetP99Ms'"), e.getMessage());
    }
}
