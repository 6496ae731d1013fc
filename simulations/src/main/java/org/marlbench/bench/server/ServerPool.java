package org.marlbench.bench.server;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.marlbench.bench.files.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The A/B servers of one Maven run, shared by its simulations. Warming a server JVM costs this
 * 2-core machine ~40 s and an A/B run has four of them; the Gatling plugin runs each simulation in
 * a JVM of its own, so without sharing the main job warmed eight. The first simulation starts the
 * servers as processes that outlive its JVM and writes them down in {@code pool/servers-<maven
 * pid>.json}; the next ones attach when the Maven process, the key (both class paths, JVM options,
 * server settings, forks) and every server's health still match, and warm them again only briefly
 * once one simulation has warmed them (SteadyStateWarmup, warmup.sharedMaxTotalSeconds). A reaper process stops the servers when the Maven process exits, whatever
 * way it ends. Outside Maven (no Maven parent) nothing is shared.
 */
public final class ServerPool {
    private static final Logger LOG = LoggerFactory.getLogger(ServerPool.class);
    /** How often the reaper looks whether the owner still lives. */
    static final String REAPER_POLL_SECONDS = "0.5";

    /** One server to start: its label (A1, B2...), launch and log file. */
    public record Spec(String label, ManagedServer.Launch launch, Path logFile) {
    }

    /** The pool file: who owns the servers, what they are, whether a simulation warmed them. */
    record State(long ownerPid, long ownerStartMillis, String key, String startedBy, String warmedBy, List<Member> servers) {
    }

    /** A server of the pool; its start time tells it from a later process that got the same pid. */
    record Member(String label, long pid, long startMillis, String url, String log, String kind) {
        Optional<ProcessHandle> process() {
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> ServerPool.startMillis(p) == startMillis);
        }
    }

    /** The servers a simulation got, in the order of the specs, and where they came from. */
    public static final class Lease {
        private final Path file;
        private final List<ManagedServer> servers;
        private final State state;
        private final boolean fresh;

        private Lease(Path file, List<ManagedServer> servers, State state, boolean fresh) {
            this.file = file;
            this.servers = servers;
            this.state = state;
            this.fresh = fresh;
        }

        public List<ManagedServer> servers() {
            return servers;
        }

        /** The simulation that warmed these servers earlier in this Maven run, or null (the warm-up is this simulation's). */
        public String warmedBy() {
            return state.warmedBy();
        }

        /** True when this simulation started the servers; false when it attached to an earlier one's. */
        public boolean fresh() {
            return fresh;
        }

        public String startedBy() {
            return state.startedBy();
        }

        /** Records that {@code simulation} warmed the servers, so the next simulations do not warm them again. */
        public void markWarm(String simulation) {
            if (state.warmedBy() != null) return;
            try {
                Json.write(file, new State(state.ownerPid(), state.ownerStartMillis(), state.key(), state.startedBy(),
                        simulation, state.servers()));
            } catch (IOException e) {
                LOG.warn("cannot record the shared servers as warm in {} ({}): the next simulation warms them again", file,
                        e.getMessage());
            }
        }
    }

    private ServerPool() {
    }

    /**
     * The process that owns shared servers: this JVM's parent when it is Maven (the Gatling plugin
     * forks one JVM per simulation from it); empty otherwise (an IDE, a test), then nothing is shared.
     */
    public static Optional<ProcessHandle> mavenOwner() {
        return ProcessHandle.current().parent().filter(p -> p.info().commandLine()
                .map(c -> c.contains("org.codehaus.plexus.classworlds") || c.contains("plexus-classworlds")).orElse(false));
    }

    /** What must be equal for servers to be shared: everything that decides what a server is and how it runs. */
    public static String key(List<Spec> specs) {
        StringBuilder sb = new StringBuilder();
        for (Spec s : specs) {
            ManagedServer.Launch l = s.launch();
            sb.append(s.label()).append('|').append(l.kind()).append('|').append(l.heap()).append('|').append(l.jvmArgs())
                    .append('|').append(new TreeMap<>(l.serverProperties())).append('|').append(l.authToken() == null ? "" : sha256(l.authToken()));
            for (String entry : l.classpath()) {
                File f = new File(entry);
                sb.append('|').append(entry).append(':').append(f.length()).append(':').append(f.lastModified());
            }
            sb.append('\n');
        }
        return sha256(sb.toString()).substring(0, 16);
    }

    /**
     * The servers of {@code specs}: the pool's when it is this Maven run's, has the same key and every
     * server is alive and healthy; else fresh ones (any other pool of this run is stopped first).
     */
    public static Lease acquire(Path poolDir, ProcessHandle owner, List<Spec> specs, String simulation, Duration startTimeout,
                                Consumer<String> progress) {
        String key = key(specs);
        long ownerStart = startMillis(owner);
        Path file = poolDir.resolve("servers-" + owner.pid() + ".json");
        stopPoolsOfEndedRuns(poolDir, file);
        State old = read(file);
        if (old != null) {
            if (old.ownerPid() == owner.pid() && old.ownerStartMillis() == ownerStart && old.key().equals(key)) {
                List<ManagedServer> attached = attach(old, specs);
                if (attached != null) {
                    progress.accept("A/B servers shared with " + old.startedBy() + " (started there"
                            + (old.warmedBy() != null ? ", warmed by " + old.warmedBy() : ", not warmed yet") + ")");
                    return new Lease(file, attached, old, false);
                }
                progress.accept("the shared A/B servers of " + old.startedBy() + " are not all healthy: starting new ones");
            } else {
                progress.accept("the shared A/B servers of " + old.startedBy() + " were started with other settings: stopping them");
            }
            stopMembers(old);
            deleteQuietly(file);
        }
        List<ManagedServer> started = new ArrayList<>();
        try {
            for (Spec s : specs) started.add(ManagedServer.launchShared(s.launch(), s.logFile()));
            reapWhenGone(owner, started.stream().map(ManagedServer::pid).toList(), file);
            progress.accept("started " + started.size() + " server JVMs, shared by the simulations of this Maven run; waiting for them");
            List<Member> members = new ArrayList<>();
            for (int i = 0; i < started.size(); i++) {
                ManagedServer m = started.get(i).awaitReady(startTimeout);
                long startMillis = ProcessHandle.of(m.pid()).map(ServerPool::startMillis).orElse(-1L);
                members.add(new Member(specs.get(i).label(), m.pid(), startMillis, m.baseUrl(),
                        specs.get(i).logFile().toAbsolutePath().toString(), specs.get(i).launch().kind()));
            }
            State state = new State(owner.pid(), ownerStart, key, simulation, null, members);
            Files.createDirectories(poolDir);
            Json.write(file, state);
            return new Lease(file, started, state, true);
        } catch (IOException | RuntimeException e) {
            for (ManagedServer m : started) m.stop();
            if (e instanceof IOException io) throw new IllegalStateException("cannot write " + file + ": " + io.getMessage(), io);
            throw (RuntimeException) e;
        }
    }

    /** The pool's servers, each alive and UP; null when one is not (the pool is then not used). */
    private static List<ManagedServer> attach(State state, List<Spec> specs) {
        if (state.servers().size() != specs.size()) return null;
        List<ManagedServer> out = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            Member m = state.servers().get(i);
            if (!m.label().equals(specs.get(i).label()) || m.process().isEmpty()) return null;
            try {
                ManagedServer s = ManagedServer.attach(m.pid(), m.url(), Path.of(m.log()), m.kind(), specs.get(i).launch().authToken());
                if (!s.client().isUp()) return null;
                out.add(s);
            } catch (IllegalStateException e) {
                return null;
            }
        }
        return out;
    }

    /**
     * Starts a process that waits for {@code owner} to end, then stops {@code pids} (SIGTERM, and
     * SIGKILL 10 s later for any still there) and deletes {@code poolFile}. It is not a child in any sense that ties it to this JVM:
     * it lives on when this simulation's JVM exits.
     */
    static void reapWhenGone(ProcessHandle owner, List<Long> pids, Path poolFile) {
        StringBuilder list = new StringBuilder();
        for (long pid : pids) list.append(' ').append(pid);
        String script = "while kill -0 " + owner.pid() + " 2>/dev/null; do sleep " + REAPER_POLL_SECONDS + "; done; "
                + "kill" + list + " 2>/dev/null; rm -f \"$0\"; sleep 10; kill -9" + list + " 2>/dev/null; exit 0";
        try {
            new ProcessBuilder("sh", "-c", script, poolFile.toAbsolutePath().toString())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the reaper of the shared servers (sh): " + e.getMessage()
                    + "; run with -Dcompare.shareServers=false", e);
        }
    }

    /** Pool files whose Maven run has ended: their reaper stopped the servers; stop any left over and delete the file. */
    private static void stopPoolsOfEndedRuns(Path poolDir, Path own) {
        if (!Files.isDirectory(poolDir)) return;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(poolDir, "servers-*.json")) {
            for (Path f : files) {
                if (f.equals(own)) continue;
                State s = read(f);
                if (s == null) continue;
                boolean ownerAlive = ProcessHandle.of(s.ownerPid()).filter(p -> startMillis(p) == s.ownerStartMillis())
                        .map(ProcessHandle::isAlive).orElse(false);
                if (!ownerAlive) {
                    stopMembers(s);
                    deleteQuietly(f);
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot list {}: {}", poolDir, e.getMessage());
        }
    }

    /** Stops the pool's servers that are still running; a pid that is now some other process is left alone. */
    static void stopMembers(State state) {
        for (Member m : state.servers()) {
            if (m.process().isPresent()) ManagedServer.attach(m.pid(), m.url(), Path.of(m.log()), m.kind(), null).stop();
        }
    }

    static State read(Path file) {
        if (!Files.exists(file)) return null;
        try {
            return Json.MAPPER.readValue(Files.readString(file, StandardCharsets.UTF_8), State.class);
        } catch (IOException e) {
            LOG.warn("ignoring the unreadable pool file {} ({})", file, e.getMessage());
            deleteQuietly(file);
            return null;
        }
    }

    static long startMillis(ProcessHandle p) {
        return p.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(-1L);
    }

    private static void deleteQuietly(Path f) {
        try {
            Files.deleteIfExists(f);
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", f, e.getMessage());
        }
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
