package org.marlbench.bench.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.marlbench.bench.config.BenchSettings;
import org.marlbench.bench.config.CompareSettings;
import org.marlbench.bench.config.LaunchSettings;
import org.marlbench.bench.results.TargetInfo;

/**
 * The servers of one simulation run, each with its {@link Fork}: in a plain run one server (ours,
 * started here, or yours with -DbaseUrl); in an A/B run the reference's forks (A1..Ak) then the ones
 * under test (B1..Bk), our managed ones all launched at once and then awaited, and shared with the
 * next simulations of the same Maven run ({@link ServerPool}) unless compare.shareServers=false.
 * Every server passed the /health check before it is handed out; {@link #close()} stops the ones
 * this simulation owns (shared ones stay up for the next simulation; their reaper ends them).
 */
public final class ServerSet implements AutoCloseable {
    /** A/B runs keep connections open between one server's rounds (Jetty's default idle timeout is 5 s). */
    static final String AB_IDLE_TIMEOUT_MS = "120000";

    private final List<Fork> forks;
    private final List<ServerTarget> servers;
    private final TargetInfo underTest;
    private final TargetInfo reference;
    /** The shared A/B servers of this Maven run ({@link ServerPool}), or null when this run owns its servers. */
    private final ServerPool.Lease lease;

    private ServerSet(List<Fork> forks, List<ServerTarget> servers, TargetInfo underTest, TargetInfo reference,
                      ServerPool.Lease lease) {
        this.forks = forks;
        this.servers = servers;
        this.underTest = underTest;
        this.reference = reference;
        this.lease = lease;
    }

    /**
     * @param forksPerSide server JVMs per side of an A/B run (the settings' compare.forks, or fewer
     *                     where a simulation measures no performance)
     */
    public static ServerSet open(BenchSettings settings, Path outputDir, String currentCommit, int forksPerSide,
                                 Consumer<String> progress) {
        LaunchSettings launch = settings.launch();
        CompareSettings compare = settings.compare();
        String token = launch.authToken();
        List<Fork> forks = new ArrayList<>();
        List<ServerTarget> servers = new ArrayList<>();
        try {
            switch (compare.mode()) {
                case OFF -> {
                    ServerTarget s = launch.baseUrl() != null
                            ? ExternalServer.attach(launch.baseUrl(), token, "-DbaseUrl", Duration.ofSeconds(10))
                            : ManagedServer.launch(managed(launch, ServerClasspath.resolve(launch.serverClasspath()),
                                    launch.serverProperties(), "managed"), outputDir.resolve("server.log"))
                                    .awaitReady(launch.startTimeout());
                    add(forks, servers, Fork.Side.B, 1, s);
                    return new ServerSet(forks, servers, describe(s, "under test", launch.baseUrl() != null ? null : currentCommit, 1),
                            null, null);
                }
                case URL -> {
                    ServerTarget a = ExternalServer.attach(compare.referenceUrl(), token, "-Dcompare.baseUrl", Duration.ofSeconds(10));
                    ServerTarget b = ExternalServer.attach(launch.baseUrl(), token, "-DbaseUrl", Duration.ofSeconds(10));
                    add(forks, servers, Fork.Side.A, 1, a);
                    add(forks, servers, Fork.Side.B, 1, b);
                    return new ServerSet(forks, servers, describe(b, "under test", null, 1), describe(a, "reference", null, 1), null);
                }
                case REF -> {
                    ReferenceBuild.Built built = ReferenceBuild.prepare(compare.ref(), settings.repoRoot(), compare.buildDir(),
                            compare.mavenCommand(), progress);
                    Map<String, String> props = new LinkedHashMap<>(launch.serverProperties());
                    props.putIfAbsent("server.idleTimeoutMs", AB_IDLE_TIMEOUT_MS);
                    List<String> own = ServerClasspath.resolve(launch.serverClasspath());
                    List<ServerPool.Spec> specs = new ArrayList<>();
                    for (int i = 1; i <= forksPerSide; i++) {
                        specs.add(new ServerPool.Spec("A" + i, managed(launch, built.classpath(), props, "reference build"),
                                outputDir.resolve("server-A" + i + ".log")));
                    }
                    for (int i = 1; i <= forksPerSide; i++) {
                        specs.add(new ServerPool.Spec("B" + i, managed(launch, own, props, "managed"), outputDir.resolve("server-B" + i + ".log")));
                    }
                    Optional<ProcessHandle> owner = compare.shareServers() ? ServerPool.mavenOwner() : Optional.empty();
                    ServerPool.Lease lease = null;
                    List<ManagedServer> started;
                    if (owner.isPresent()) {
                        lease = ServerPool.acquire(compare.buildDir().resolve("pool"), owner.get(), specs,
                                outputDir.getFileName().toString(), launch.startTimeout(), progress);
                        started = lease.servers();
                        servers.addAll(started);
                    } else {
                        started = new ArrayList<>();
                        for (ServerPool.Spec spec : specs) started.add(ManagedServer.launch(spec.launch(), spec.logFile()));
                        servers.addAll(started); // so that close() stops every one of them if one fails to come up
                        progress.accept("started " + started.size() + " server JVMs (" + forksPerSide + " per side); waiting for them");
                        for (ManagedServer m : started) m.awaitReady(launch.startTimeout());
                    }
                    for (int i = 0; i < started.size(); i++) {
                        Fork.Side side = i < forksPerSide ? Fork.Side.A : Fork.Side.B;
                        forks.add(new Fork(i, specs.get(i).label(), side, started.get(i).baseUrl()));
                    }
                    return new ServerSet(forks, servers, describe(started.get(forksPerSide), "under test", currentCommit, forksPerSide),
                            describe(started.get(0), "reference", built.shortCommit(), forksPerSide), lease);
                }
                default -> throw new IllegalStateException("unknown mode " + compare.mode());
            }
        } catch (RuntimeException e) {
            closeAll(servers);
            throw e;
        }
    }

    private static ManagedServer.Launch managed(LaunchSettings launch, List<String> classpath, Map<String, String> props,
                                                String kind) {
        return new ManagedServer.Launch(classpath, launch.serverHeap(), launch.serverJvmArgs(), props, launch.authToken(), kind);
    }

    private static void add(List<Fork> forks, List<ServerTarget> servers, Fork.Side side, int n, ServerTarget s) {
        forks.add(new Fork(forks.size(), side.name() + n, side, s.baseUrl()));
        servers.add(s);
    }

    /** The target's identity from its /health (SPEC: engine, engineVersion; the model source where it says). */
    static TargetInfo describe(ServerTarget s, String role, String commit, int forks) {
        JsonNode health;
        try {
            health = s.client().health();
        } catch (IOException e) {
            throw new IllegalStateException("GET " + s.baseUrl() + "/health failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return targetInfo(health, role, s.baseUrl(), s.kind(), commit, forks);
    }

    static TargetInfo targetInfo(JsonNode health, String role, String url, String kind, String commit, int forks) {
        JsonNode model = health.path("model");
        Map<String, String> files = new LinkedHashMap<>();
        JsonNode f = model.path("files");
        if (f.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = f.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                files.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().path("sha256").asText("?"));
            }
        } else if (f.isArray()) {
            for (JsonNode e : f) files.put(e.path("name").asText("?"), e.path("sha256").asText("?"));
        }
        return new TargetInfo(role, url, kind, commit, forks, health.path("engine").asText("unknown"),
                health.path("engineVersion").asText("unknown"), model.path("source").asText("unknown"), files);
    }

    public List<Fork> forks() {
        return forks;
    }

    /**
     * The simulation of this Maven run that already warmed these (shared) servers, or null when
     * this simulation must warm them.
     */
    public String warmedBy() {
        return lease == null ? null : lease.warmedBy();
    }

    /** After a completed warm-up: the next simulations of this Maven run may skip theirs on these servers. */
    public void markWarm(String simulation) {
        if (lease != null) lease.markWarm(simulation);
    }

    public ServerTarget server(Fork fork) {
        return servers.get(fork.index());
    }

    public TargetInfo underTest() {
        return underTest;
    }

    /** The reference of an A/B run, or null. */
    public TargetInfo reference() {
        return reference;
    }

    /** Empty when every server is still alive, else why not. */
    public List<String> deathReports() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < forks.size(); i++) {
            if (!servers.get(i).alive()) out.add(forks.get(i).label() + ": " + servers.get(i).deathReport());
        }
        return out;
    }

    @Override
    public void close() {
        closeAll(servers);
    }

    private static void closeAll(List<ServerTarget> servers) {
        // Stop them side by side: each may take seconds to drain.
        List<Thread> stoppers = new ArrayList<>();
        for (ServerTarget s : servers) {
            Thread t = new Thread(s::close, "stop-server");
            t.start();
            stoppers.add(t);
        }
        for (Thread t : stoppers) {
            try {
                t.join(20_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
