package org.marlbench.bench.run;

import java.nio.file.Path;
import org.marlbench.bench.config.BenchSettings;
import org.marlbench.bench.results.Machine;

/** What one simulation run is: its settings, name, measured request, output folder, commit, machine, workload, profiler. */
record RunContext(BenchSettings settings, String simulation, String measuredRequest, Path outputDir, String gitCommit,
                  Machine machine, Benchmark.Workload workload, Profiling profiling) {
}
