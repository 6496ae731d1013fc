package org.marlbench.bench.load;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.marlbench.bench.config.BenchSettings;

class InjectionProfileTest {

    private static InjectionProfile profile(String... kv) {
        Properties system = new Properties();
        for (int i = 0; i < kv.length; i += 2) system.setProperty(kv[i], kv[i + 1]);
        BenchSettings s = BenchSettings.load(system);
        return InjectionProfile.from(s.properties(), s.config());
    }

    @Test
    void closedIsTheDefault() {
        InjectionProfile p = profile();
        assertEquals(InjectionProfile.Kind.CLOSED, p.kind());
        assertTrue(p.closedModel());
        assertEquals(1, p.closedUserStarts().size(), "users started over the ramp");
        assertEquals(65, p.totalSeconds());
        assertEquals("closed: 10 concurrent users for 60 s after a 5 s ramp", p.description());
        assertNull(p.describe().ratePerSecond());
        assertEquals("closed", p.describe().profile());
    }

    @Test
    void closedWithoutRampStartsEveryUserAtOnce() {
        assertEquals(1, profile("rampSeconds", "0").closedUserStarts().size());
    }

    @Test
    void openProfilesBuildTheirSteps() {
        InjectionProfile open = profile("profile", "open", "rate", "200");
        assertFalse(open.closedModel());
        assertEquals(1, open.openSteps().size());
        assertEquals("open: 200 arrivals/s for 60 s", open.description());

        InjectionProfile ramp = profile("profile", "RAMP", "rate", "50", "rampSeconds", "10");
        assertEquals(2, ramp.openSteps().size());
        assertEquals(70, ramp.totalSeconds());

        InjectionProfile stairs = profile("profile", "stairs", "rate", "25", "steps", "4", "stepSeconds", "5", "rampSeconds", "2");
        assertEquals(1, stairs.openSteps().size());
        assertEquals(4 * 5 + 3 * 2, stairs.totalSeconds());
        assertEquals(4 * 5 + 3 * 2, stairs.durationSeconds());
        assertTrue(stairs.description().contains("peak 100/s"), stairs.description());

        InjectionProfile spike = profile("profile", "spike", "rate", "20", "users", "50");
        assertEquals(3, spike.openSteps().size());
        assertTrue(spike.description().contains("50 users arriving at once at 30 s"), spike.description());
    }

    @Test
    void badValuesNameTheProperty() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> profile("profile", "burst"));
        assertTrue(e.getMessage().contains("'profile'") && e.getMessage().contains("closed, open"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> profile("profile", "open", "rate", "0"));
        assertTrue(e.getMessage().contains("'rate'"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> profile("profile", "stairs", "steps", "x"));
        assertTrue(e.getMessage().contains("'steps'"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> profile("profile", "ramp", "rampSeconds", "0"));
        assertTrue(e.getMessage().contains("'rampSeconds'"), e.getMessage());
    }
}
