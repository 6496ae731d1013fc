package org.marlbench.bench.server;

import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends this simulation's JVM when the Maven process that forked it ends. Ctrl-C reaches the whole
 * process group, but a Maven killed on its own (a CI job cancelled, {@code kill <maven pid>}) left the
 * Gatling fork running on, reparented to init: its load went on against its own server (or, in an A/B
 * run, against servers the pool's reaper had stopped) and it wrote results nobody would read. Exiting
 * runs the shutdown hooks, which stop the servers this JVM owns ({@link ManagedServer}).
 */
public final class OwnerWatch {
    private static final Logger LOG = LoggerFactory.getLogger(OwnerWatch.class);
    /** The exit status of a JVM whose Maven went away (128 + SIGTERM, as if it had been terminated with it). */
    static final int EXIT_STATUS = 143;

    private OwnerWatch() {
    }

    /** Watches the Maven parent, if this JVM has one (none when started from an IDE: then nothing happens). */
    public static void exitWithMaven() {
        ServerPool.mavenOwner().ifPresent(maven -> whenGone(maven, () -> {
            LOG.error("the Maven process (pid {}) that started this simulation has ended: abandoning this run and "
                    + "stopping this JVM and the servers it started", maven.pid());
            System.exit(EXIT_STATUS);
        }));
    }

    /** Runs {@code action} once {@code owner} has ended (the JDK polls a process that is not our child). */
    static CompletableFuture<Void> whenGone(ProcessHandle owner, Runnable action) {
        return owner.onExit().thenRun(action);
    }
}
