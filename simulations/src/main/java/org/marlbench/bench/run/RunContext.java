package org.marlbench.bench.run;

import java.nio.file.Path;
import org.marlbench.bench.config.BenchSettings;
import org.marlbench.bench.results.Machine;

/** What one simulation run is: its settings, name, measured request, output folder, commit and machine. */
record RunContext(BenchSettings settings, String simulation, String measuredRequest, Path outputDir, String gitCommit,
                  Machine machine) {
}
