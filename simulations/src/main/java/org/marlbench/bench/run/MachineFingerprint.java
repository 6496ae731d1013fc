package org.marlbench.bench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.marlbench.bench.results.Machine;

/** Where the numbers were taken: CPU model, cores, memory, OS and JVM of this machine. */
public final class MachineFingerprint {
    private MachineFingerprint() {
    }

    public static Machine collect() {
        return new Machine(cpuModel(), Runtime.getRuntime().availableProcessors(), memoryTotalBytes(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                System.getProperty("java.runtime.version", System.getProperty("java.version")) + " ("
                        + System.getProperty("java.vendor") + ")");
    }

    static String cpuModel() {
        for (String line : lines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("model name")) return line.substring(line.indexOf(':') + 1).trim();
        }
        return System.getProperty("os.arch") + " (model unknown)";
    }

    static long memoryTotalBytes() {
        for (String line : lines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                String[] parts = line.trim().split("\\s+");
                return Long.parseLong(parts[1]) * 1024L;
            }
        }
        return 0L;
    }

    private static List<String> lines(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (IOException e) {
            return List.of();
        }
    }
}
