package org.marlbench.server.sidecar;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import oshi.hardware.GraphicsCard;
import oshi.hardware.HardwareAbstractionLayer;

/**
 * GPU memory through DJL's CUDA bindings (the only portable source of "memory used"), with card
 * names from OSHI. On a machine without CUDA it reports an empty list: no exception, no error log.
 * The device count and names are read once (OSHI runs lspci for names, too slow for every sample).
 */
public final class GpuProbe {
    private static final Logger LOG = LoggerFactory.getLogger(GpuProbe.class);

    private final int gpuCount;
    private final List<String> names;

    public GpuProbe(HardwareAbstractionLayer hal) {
        this.gpuCount = cudaGpuCount();
        this.names = gpuCount > 0 ? cardNames(hal, gpuCount) : List.of();
    }

    /** Number of CUDA devices seen at start; 0 without CUDA. */
    public int gpuCount() {
        return gpuCount;
    }

    /** One entry per CUDA device; empty without CUDA. Never throws. */
    public List<ResourceSample.GpuUsage> read() {
        if (gpuCount == 0) return List.of();
        List<ResourceSample.GpuUsage> out = new ArrayList<>(gpuCount);
        for (int i = 0; i < gpuCount; i++) {
            try {
                MemoryUsage m = CudaUtils.getGpuMemory(Device.gpu(i));
                out.add(new ResourceSample.GpuUsage(i, names.get(i), m.getUsed(), m.getMax()));
            } catch (RuntimeException | LinkageError e) {
                LOG.debug("cannot read memory of GPU {}: {}", i, e.toString());
            }
        }
        return out;
    }

    private static int cudaGpuCount() {
        if (!nvidiaDriverPresent()) return 0;
        try {
            return Math.max(0, CudaUtils.getGpuCount());
        } catch (RuntimeException | LinkageError e) {
            // No CUDA runtime on this machine: that is the normal CPU-only case, not an error.
            LOG.debug("no CUDA runtime: {}", e.toString());
            return 0;
        }
    }

    /**
     * On Linux the NVIDIA driver shows itself in /proc; without it there is no CUDA device, and
     * asking DJL anyway makes it log a warning about the CUDA runtime.
     */
    static boolean nvidiaDriverPresent() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        if (!os.contains("linux")) return true; // no cheap check elsewhere: let DJL find out
        return java.nio.file.Files.exists(java.nio.file.Path.of("/proc/driver/nvidia/version"));
    }

    private static List<String> cardNames(HardwareAbstractionLayer hal, int count) {
        List<String> names = new ArrayList<>(count);
        List<GraphicsCard> cards = List.of();
        try {
            cards = hal.getGraphicsCards();
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("cannot list graphics cards: {}", e.toString());
        }
        for (int i = 0; i < count; i++) {
            names.add(i < cards.size() ? cards.get(i).getName() : "cuda:" + i);
        }
        return names;
    }
}
