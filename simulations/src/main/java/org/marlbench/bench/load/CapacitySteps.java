package org.marlbench.bench.load;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;

import io.gatling.javaapi.core.OpenInjectionStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.marlbench.bench.config.DiagnosticsSettings;

/**
 * The arrivals of a capacity search, as Gatling open-model steps: for each step a ramp from the
 * previous rate and a level at the step's rate, the same shape {@link RoundPlan#steps} counts by
 * (the ramp settles, the level is measured).
 */
public final class CapacitySteps {
    private CapacitySteps() {
    }

    public static List<OpenInjectionStep> of(DiagnosticsSettings d) {
        List<OpenInjectionStep> steps = new ArrayList<>();
        double previous = 1;
        for (int i = 0; i < d.capacitySteps(); i++) {
            double rate = d.capacityRate(i);
            if (d.capacityRampSeconds() > 0) {
                steps.add(rampUsersPerSec(previous).to(rate).during(Duration.ofSeconds(d.capacityRampSeconds())));
            }
            steps.add(constantUsersPerSec(rate).during(Duration.ofSeconds(d.capacityStepSeconds())));
            previous = rate;
        }
        return steps;
    }
}
