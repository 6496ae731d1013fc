package org.marlbench.bench.config;

import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.incrementUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How ConcurrentUsersSimulation injects load, chosen by {@code -Dprofile=} and its parameters
 * ({@code -Drate= -DrampSeconds= -Dsteps= -DstepSeconds=}, plus {@code users} and
 * {@code loadDurationSeconds} from the config). Closed: {@code users} persistent users, each
 * sending one request after another on its kept-alive connection (no user churn: a new Gatling
 * session per request would cost the load generator as much CPU as the request itself). Open
 * profiles: every arriving user sends one request.
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

    /**
     * The Gatling population sending {@code oneRequest}. Closed: {@code users} users started evenly
     * over the ramp, each looping until a deadline shared by all of them ({@code rampSeconds +
     * durationSeconds} after the first one started). Open: one request per arriving user.
     */
    public PopulationBuilder inject(String scenarioName, ChainBuilder oneRequest) {
        if (!closedModel()) return scenario(scenarioName).exec(oneRequest).injectOpen(openSteps());
        SharedDeadline deadline = new SharedDeadline((rampSeconds + durationSeconds) * 1_000_000_000L);
        return scenario(scenarioName)
                .exec(asLongAs(session -> deadline.notPassed()).on(oneRequest))
                .injectOpen(closedUserStarts());
    }

    /** When the closed model's persistent users start: all at once, or evenly over the ramp. */
    List<OpenInjectionStep> closedUserStarts() {
        return rampSeconds == 0
                ? List.of(atOnceUsers(users))
                : List.of(rampUsers(users).during(Duration.ofSeconds(rampSeconds)));
    }

    /** A deadline that starts counting when it is first asked, so the warm-up before it does not count. */
    static final class SharedDeadline {
        private final long lengthNanos;
        private final AtomicLong endNanos = new AtomicLong(Long.MIN_VALUE);

        SharedDeadline(long lengthNanos) {
            this.lengthNanos = lengthNanos;
        }

        boolean notPassed() {
            long now = System.nanoTime();
            long end = endNanos.get();
            if (end == Long.MIN_VALUE) {
                endNanos.compareAndSet(Long.MIN_VALUE, now + lengthNanos);
                end = endNanos.get();
            }
            return now - end < 0;
        }
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
