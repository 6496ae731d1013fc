package org.marlbench.server.sidecar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.List;
import org.junit.jupiter.api.Test;
import oshi.SystemInfo;

class GpuProbeTest {

    /** On a machine without an NVIDIA driver (this one): an empty list, no exception. */
    @Test
    void noGpuGivesAnEmptyList() {
        assumeFalse(GpuProbe.nvidiaDriverPresent(), "this machine has an NVIDIA driver");
        GpuProbe probe = new GpuProbe(new SystemInfo().getHardware());
        assertEquals(0, probe.gpuCount());
        assertEquals(List.of(), probe.read());
        assertEquals(List.of(), probe.read(), "stays empty on every read");
    }
}
