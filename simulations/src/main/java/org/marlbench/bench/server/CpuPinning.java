package org.marlbench.bench.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The load generator (this JVM) on one half of the CPUs this process may use, the servers on the
 * other, for the rounds of a one-user A/B run; {@link #close()} gives everyone back all of them. Why:
 * with one user a request is a ping-pong between a Gatling thread and a server thread, and on two
 * cores whether the scheduler puts them on one core or two moved a round's p50 by several percent:
 * pinned, SingleInference's round noise fell from 3.6-6.6 % to 1.3-2.4 % (2026-12-08, README). Linux
 * only ({@code taskset -a -p}, every thread of a process; threads started later inherit it); anywhere
 * else, with one CPU, or when taskset fails, nothing is pinned and {@link #description()} says why.
 */
public final class CpuPinning implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CpuPinning.class);

    private final List<Long> pids;
    private final String allCpus;
    private final String description;

    private CpuPinning(List<Long> pids, String allCpus, String description) {
        this.pids = pids;
        this.allCpus = allCpus;
        this.description = description;
    }

    /** Pins this JVM and {@code serverPids}; never throws. */
    public static CpuPinning apply(List<Long> serverPids) {
        List<Integer> cpus;
        try {
            cpus = allowedCpus(Files.readString(Path.of("/proc/self/status")));
        } catch (IOException | RuntimeException e) {
            return notPinned("no /proc/self/status (not Linux?): " + e.getMessage());
        }
        if (cpus.size() < 2) return notPinned("one CPU: nothing to split");
        if (serverPids.isEmpty()) return notPinned("no server started by this run (outside servers are not pinned)");
        int half = cpus.size() / 2;
        String generator = list(cpus.subList(0, half));
        String servers = list(cpus.subList(half, cpus.size()));
        List<Long> pinned = new ArrayList<>();
        String why = taskset(generator, ProcessHandle.current().pid());
        if (why == null) pinned.add(ProcessHandle.current().pid());
        for (long pid : serverPids) {
            if (why != null) break;
            why = taskset(servers, pid);
            if (why == null) pinned.add(pid);
        }
        CpuPinning p = new CpuPinning(pinned, list(cpus), "load generator on CPU " + generator + ", servers on CPU " + servers);
        if (why != null) {
            p.close();
            return notPinned(why);
        }
        LOG.info("CPU pinning for the rounds: {}", p.description);
        return p;
    }

    private static CpuPinning notPinned(String why) {
        LOG.info("CPU pinning not applied: {}", why);
        return new CpuPinning(new ArrayList<>(), "", "not pinned: " + why);
    }

    /** What was pinned where, or why nothing was. */
    public String description() {
        return description;
    }

    public boolean pinned() {
        return !pids.isEmpty();
    }

    /** Every pinned process back on all the CPUs this process may use (a shared server serves other simulations after this one). */
    @Override
    public void close() {
        for (long pid : pids) {
            String why = taskset(allCpus, pid);
            if (why != null && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                LOG.warn("could not give process {} its CPUs back: {}", pid, why);
            }
        }
        pids.clear();
    }

    /** The CPU ids of a {@code /proc/<pid>/status} text's Cpus_allowed_list ("0-1", "0,2-3"). */
    static List<Integer> allowedCpus(String status) {
        for (String line : status.split("\n")) {
            if (!line.startsWith("Cpus_allowed_list:")) continue;
            List<Integer> cpus = new ArrayList<>();
            for (String part : line.substring(line.indexOf(':') + 1).trim().split(",")) {
                String[] range = part.trim().split("-");
                int from = Integer.parseInt(range[0]);
                int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
                for (int c = from; c <= to; c++) cpus.add(c);
            }
            return cpus;
        }
        throw new IllegalArgumentException("no Cpus_allowed_list line");
    }

    static String list(List<Integer> cpus) {
        StringBuilder sb = new StringBuilder();
        for (int c : cpus) sb.append(sb.length() == 0 ? "" : ",").append(c);
        return sb.toString();
    }

    /** Null when it worked, else why not. */
    private static String taskset(String cpus, long pid) {
        try {
            Process p = new ProcessBuilder("taskset", "-a", "-p", "-c", cpus, String.valueOf(pid)).redirectErrorStream(true).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "taskset did not finish in 5 s";
            }
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.exitValue() == 0 ? null : "taskset -a -p -c " + cpus + " " + pid + " exited " + p.exitValue() + ": " + out;
        } catch (IOException e) {
            return "no taskset: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
