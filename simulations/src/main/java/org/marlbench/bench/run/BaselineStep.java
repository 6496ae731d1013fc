package org.marlbench.bench.run;

import java.lang.reflect.Method;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * THE single call site of the baseline comparison: {@code BaselineGate.afterRun(stats.json)}
 * (true = passed or no baseline, false = regression). Off with {@code -Dbaseline.enabled=false}.
 * Looked up by name so this module builds before the baseline code is merged; when the class
 * is absent the run says so loudly and is not failed for it.
 */
public final class BaselineStep {
    static final String GATE = "org.marlbench.bench.baseline.BaselineGate";
    private static final Logger LOG = LoggerFactory.getLogger(BaselineStep.class);

    private BaselineStep() {
    }

    /** @return true unless the gate found a regression. */
    public static boolean afterRun(Path statsJson) {
        if (!Boolean.parseBoolean(System.getProperty("baseline.enabled", "true"))) {
            LOG.info("baseline comparison disabled (-Dbaseline.enabled=false)");
            return true;
        }
        Method afterRun;
        try {
            afterRun = Class.forName(GATE).getMethod("afterRun", Path.class);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            LOG.warn("baseline comparison NOT DONE: {}.afterRun(Path) is not on the classpath", GATE);
            return true;
        }
        try {
            return (Boolean) afterRun.invoke(null, statsJson);
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("baseline comparison of " + statsJson + " failed: " + cause, cause);
        }
    }
}
