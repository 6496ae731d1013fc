package org.marlbench.bench.baseline;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.marlbench.bench.results.Machine;
import org.marlbench.bench.results.TargetInfo;

/**
 * Numbers from another machine or another target are not comparable: lists each field of the
 * machine (CPU model, cores, OS, JVM) and of the target (engine, version, model source and files)
 * that differs between a baseline and a run ("cores: '2' -> '8'").
 */
public final class Fingerprint {
    private Fingerprint() {
    }

    public static List<String> differences(Machine baseMachine, TargetInfo baseTarget, Machine machine, TargetInfo target) {
        List<String> diffs = new ArrayList<>();
        diff(diffs, "cpuModel", baseMachine.cpuModel(), machine.cpuModel());
        diff(diffs, "cores", baseMachine.cores(), machine.cores());
        diff(diffs, "os", baseMachine.os(), machine.os());
        diff(diffs, "jvm", baseMachine.jvm(), machine.jvm());
        diff(diffs, "engine", baseTarget.engine() + " " + baseTarget.engineVersion(), target.engine() + " " + target.engineVersion());
        diff(diffs, "model source", baseTarget.modelSource(), target.modelSource());
        diff(diffs, "model files", baseTarget.modelFiles(), target.modelFiles());
        return diffs;
    }

    private static void diff(List<String> out, String field, Object before, Object now) {
        if (!Objects.equals(before, now)) out.add(field + ": '" + before + "' -> '" + now + "'");
    }
}
