package org.marlbench.bench.results;

/** Where the numbers were taken: the load generator's machine and JVM (managed servers share both). */
public record Machine(String cpuModel, int cores, long memoryTotalBytes, String os, String jvm) {
}
