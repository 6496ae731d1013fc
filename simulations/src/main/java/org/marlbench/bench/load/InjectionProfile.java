package org.marlbench.bench.load;

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
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import org.marlbench.bench.config.BenchProperties;
import org.marlbench.bench.config.BenchmarkConfig;
import org.marlbench.bench.results.Injection;

/**
 * How ConcurrentUsersSimulation injects load, chosen by {@code -Dprofile=} and its parameters
 * ({@code -Drate= -DrampSeconds= -Dsteps= -DstepSeconds=}, plus {@code users} and
 * {@code loadDurationSeconds} from the config), after a warm-up by a few users. Closed: {@code users}
 * persistent users started over the ramp, each sending one request after another on its kept-alive
 * connection (no user churn: a new Gatling session per request would cost the load generator as
 * much CPU as the request itself). Open profiles: every arriving user sends one request.
 */
public record InjectionProfile(Kind kind, int users, int durationSeconds, int rampSeconds,
                               Double ratePerSecond, Integer steps, Integer stepSeconds) {

    public enum Kind { CLOSED, OPEN, RAMP, STAIRS, SPIKE }

    public static InjectionProfile from(BenchProperties p, BenchmarkConfig config) {
        Kind kind = p.choice("profile", Kind.class);
        int users = config.users();
        int duration = config.loadDurationSeconds();
        int ramp = p.nonNegativeInt("rampSeconds");
        return switch (kind) {
            case CLOSED -> new InjectionProfile(kind, users, duration, ramp, null, null, null);
            case OPEN, SPIKE -> new InjectionProfile(kind, users, duration, 0, rate(p), null, null);
            case RAMP -> new InjectionProfile(kind, users, duration, requirePositive(ramp, "rampSeconds", kind),
                    rate(p), null, null);
            case STAIRS -> {
                int steps = p.positiveInt("steps");
                int stepSeconds = p.positiveInt("stepSeconds");
                // durationSeconds: the whole staircase, ramps between steps included.
                yield new InjectionProfile(kind, users, steps * stepSeconds + (steps - 1) * ramp, ramp, rate(p),
                        steps, stepSeconds);
            }
        };
    }

    private static double rate(BenchProperties p) {
        double rate = p.nonNegativeDouble("rate");
        if (rate <= 0) throw BenchProperties.bad("rate", p.string("rate"), "arrivals per second > 0");
        return rate;
    }

    private static int requirePositive(int value, String key, Kind kind) {
        if (value <= 0) {
            throw BenchProperties.bad(key, String.valueOf(value), "> 0 for profile " + kind.name().toLowerCase(Locale.ROOT));
        }
        return value;
    }

    public boolean closedModel() {
        return kind == Kind.CLOSED;
    }

    /**
     * The Gatling population: {@code warmupUsers} users run {@code warmUp} (few, so that the servers'
     * JIT compilers get the CPU: ten users saturating two cores starve them), then the load. Closed:
     * {@code users} users started over the ramp ({@code ramp}; at once
     * otherwise), each sending {@code oneRequest} for as long as {@code measuring} holds. Open: the
     * arrivals send one request each.
     */
    public PopulationBuilder inject(String scenarioName, int warmupUsers, ChainBuilder warmUp, ChainBuilder oneRequest,
                                    BooleanSupplier measuring, boolean ramp) {
        PopulationBuilder warmers = scenario("warm-up").exec(warmUp).injectOpen(atOnceUsers(warmupUsers));
        if (!closedModel()) {
            return warmers.andThen(scenario(scenarioName).exec(oneRequest).injectOpen(openSteps()));
        }
        return warmers.andThen(scenario(scenarioName)
                .exec(asLongAs(session -> measuring.getAsBoolean()).on(oneRequest))
                .injectOpen(ramp ? closedUserStarts() : List.of(atOnceUsers(users))));
    }

    /** When the closed model's persistent users start: all at once, or evenly over the ramp. */
    List<OpenInjectionStep> closedUserStarts() {
        return rampSeconds == 0
                ? List.of(atOnceUsers(users))
                : List.of(rampUsers(users).during(Duration.ofSeconds(rampSeconds)));
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
    public Injection describe() {
        return new Injection(kind.name().toLowerCase(Locale.ROOT), users, durationSeconds, rampSeconds, ratePerSecond,
                steps, stepSeconds, null, description());
    }

    private static String num(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
