package org.marlbench.bench.run;

import java.nio.file.Path;
import org.marlbench.bench.baseline.BaselineGate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single call site of the baseline comparison, after stats.json is written:
 * {@code BaselineGate.afterRun} is true when the run passed or has no baseline, false on a
 * regression (the run then fails). Off with {@code -Dbaseline.enabled=false}.
 */
public final class BaselineStep {
    private static final Logger LOG = LoggerFactory.getLogger(BaselineStep.class);

    private BaselineStep() {
    }

    /** @return true unless the gate found a regression. */
    public static boolean afterRun(Path statsJson) {
        if (!Boolean.parseBoolean(System.getProperty("baseline.enabled", "true"))) {
            LOG.info("baseline comparison disabled (-Dbaseline.enabled=false)");
            return true;
        }
        return BaselineGate.afterRun(statsJson);
    }
}
