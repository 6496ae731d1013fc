package org.marlbench.bench.config;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.incrementUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.rampConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;

import io.gatling.javaapi.core.ClosedInjectionStep;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * How ConcurrentUsersSimulation injects load, chosen by {@code -Dprofile=} and its parameters
 * ({@code -Drate= -DrampSeconds= -Dsteps= -DstepSeconds=}, plus {@code users} and
 * {@code loadDurationSeconds} from the config). Every virtual user sends one decision; the
 * closed model replaces each finished user at once, so {@code users} stay in flight.
 */
public record InjectionProfile(Kind kind, int users, int durationSeconds, int rampSeconds,
                               Double ratePerSecond, Integer steps, Integer stepSeconds) {

    public enum Kind { CLOSED, OPEN, RAMP, STAIRS, SPIKE }

    public static InjectionProfile from(Properties p, BenchmarkConfig config) {
        String name = ConfigLoader.required(p, "profile").toLowerCase(Locale.ROOT);
        Kind kind;
        try {
            kind = Kind.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ConfigLoader.bad("profile", name, "one of closed, open, ramp, stairs, spike");
        }
        int users = config.users();
        int duration = config.loadDurationSeconds();
        int ramp = ConfigLoader.nonNegativeInt(p, "rampSeconds");
        return switch (kind) {
            case CLOSED -> new InjectionProfile(kind, users, duration, ramp, null, null, null);
            case OPEN, SPIKE -> new InjectionProfile(kind, users, duration, 0, rate(p), null, null);
            case RAMP -> new InjectionProfile(kind, users, duration, requirePositive(ramp, "rampSeconds", kind),
                    rate(p), null, null);
            case STAIRS -> {
                int steps = ConfigLoader.positiveInt(p, "steps");
                int stepSeconds = ConfigLoader.positiveInt(p, "stepSeconds");
                // durationSeconds: the whole staircase, ramps between steps included.
                yield new InjectionProfile(kind, users, steps * stepSeconds + (steps - 1) * ramp, ramp, rate(p),
                        steps, stepSeconds);
            }
        };
    }

    private static double rate(Properties p) {
        double rate = ConfigLoader.nonNegativeDouble(p, "rate");
        if (rate <= 0) throw ConfigLoader.bad("rate", p.getProperty("rate"), "arrivals per second > 0");
        return rate;
    }

    private static int requirePositive(int value, String key, Kind kind) {
        if (value <= 0) {
            throw ConfigLoader.bad(key, String.valueOf(value), "> 0 for profile " + kind.name().toLowerCase(Locale.ROOT));
        }
        return value;
    }

    public boolean closedModel() {
        return kind == Kind.CLOSED;
    }

    /** The Gatling population for a scenario whose users each send one request. */
    public PopulationBuilder inject(ScenarioBuilder scenario) {
        return closedModel() ? scenario.injectClosed(closedSteps()) : scenario.injectOpen(openSteps());
    }

    List<ClosedInjectionStep> closedSteps() {
        if (rampSeconds == 0) {
            return List.of(constantConcurrentUsers(users).during(Duration.ofSeconds(durationSeconds)));
        }
        return List.of(
                rampConcurrentUsers(1).to(users).during(Duration.ofSeconds(rampSeconds)),
                constantConcurrentUsers(users).during(Duration.ofSeconds(durationSeconds)));
    }

    List<OpenInjectionStep> openSteps() {
        return switch (kind) {
            case OPEN -> List.of(constantUsersPerSec(ratePerSecond).during(Duration.ofSeconds(durationSeconds)));
            case RAMP -> List.of(
                    rampUsersPerSec(1).to(ratePerSecond).during(Duration.ofSeconds(rampSeconds)),
                    constantUsersPerSec(ratePerSecond).during(Duration.ofSeconds(durationSeconds)));
            case STAIRS -> List.of(incrementUsersPerSec(ratePerSecond)
                    .times(steps)
                    .eachLevelLasting(Duration.ofSeconds(stepSeconds))
                    .separatedByRampsLasting(Duration.ofSeconds(rampSeconds))
                    .startingFrom(0));
            case SPIKE -> List.of(
                    constantUsersPerSec(ratePerSecond).during(Duration.ofSeconds(halfDuration())),
                    atOnceUsers(users),
                    constantUsersPerSec(ratePerSecond).during(Duration.ofSeconds(durationSeconds - halfDuration())));
            case CLOSED -> throw new IllegalStateException("closed profile has no open steps");
        };
    }

    private int halfDuration() {
        return Math.max(1, durationSeconds / 2);
    }

    /** Seconds of injection, ramps included (for reading the run, not for checks). */
    public int totalSeconds() {
        return switch (kind) {
            case CLOSED, RAMP -> rampSeconds + durationSeconds;
            case OPEN, STAIRS -> durationSeconds;
            case SPIKE -> Math.max(durationSeconds, halfDuration() + 1);
        };
    }

    public String description() {
        return switch (kind) {
            case CLOSED -> "closed: " + users + " concurrent users for " + durationSeconds + " s"
                    + (rampSeconds > 0 ? " after a " + rampSeconds + " s ramp" : "");
            case OPEN -> "open: " + num(ratePerSecond) + " arrivals/s for " + durationSeconds + " s";
            case RAMP -> "ramp: arrivals ramped 1 -> " + num(ratePerSecond) + "/s over " + rampSeconds
                    + " s, then held " + durationSeconds + " s";
            case STAIRS -> "stairs: " + steps + " steps of +" + num(ratePerSecond) + " arrivals/s, each held "
                    + stepSeconds + " s, " + rampSeconds + " s ramps between (peak "
                    + num(ratePerSecond * steps) + "/s)";
            case SPIKE -> "spike: " + num(ratePerSecond) + " arrivals/s for " + durationSeconds
                    + " s with " + users + " users arriving at once at " + halfDuration() + " s";
        };
    }

    /** The {@code injection} object of stats.json. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("profile", kind.name().toLowerCase(Locale.ROOT));
        m.put("users", users);
        m.put("durationSeconds", durationSeconds);
        m.put("rampSeconds", rampSeconds);
        m.put("ratePerSecond", ratePerSecond);
        m.put("steps", steps);
        m.put("stepSeconds", stepSeconds);
        m.put("description", description());
        return m;
    }

    private static String num(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
