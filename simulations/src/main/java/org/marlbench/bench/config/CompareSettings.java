package org.marlbench.bench.config;

import java.nio.file.Path;

/**
 * Same-run A/B comparison ({@code compare.*}): the load alternates in short rounds between the
 * reference (A: a build of {@code compare.ref}, or the server at {@code compare.baseUrl}) and the
 * server under test (B: this build, or {@code -DbaseUrl}). {@code forks} server JVMs per side,
 * {@code blocks} palindromic blocks of 2 x 2 x forks rounds of {@code roundMillis}, the first
 * {@code settleMillis} of every round not counted. A ConcurrentUsers run sends {@code burnInBlocks}
 * blocks of the same shape first, at its own load, not counted (see RoundPlan). With
 * {@code shareServers} the simulations of one Maven run share the servers and their warm-up (ServerPool).
 */
public record CompareSettings(Mode mode, String ref, String referenceUrl, int forks, int blocks, int burnInBlocks,
                              int roundMillis, int settleMillis, String mavenCommand, Path buildDir, boolean shareServers) {

    public enum Mode { OFF, REF, URL }

    static CompareSettings from(BenchProperties p, String baseUrl, Path repoRoot) {
        String ref = p.optional("compare.ref");
        String url = p.optional("compare.baseUrl");
        if (ref != null && url != null) {
            throw new IllegalArgumentException("-Dcompare.ref and -Dcompare.baseUrl are two ways to name the reference: give one");
        }
        if (url != null && baseUrl == null) {
            throw new IllegalArgumentException("-Dcompare.baseUrl=" + url + " names the reference server; also give the server "
                    + "under test with -DbaseUrl=<url> (or use -Dcompare.ref=<git ref> to build the reference here)");
        }
        if (ref != null && baseUrl != null) {
            throw new IllegalArgumentException("-Dcompare.ref builds and starts both servers here; it cannot be combined with "
                    + "-DbaseUrl (for two servers you started, use -Dcompare.baseUrl=<reference> -DbaseUrl=<under test>)");
        }
        Mode mode = ref != null ? Mode.REF : url != null ? Mode.URL : Mode.OFF;
        int roundMillis = p.intAtLeast("compare.roundMillis", 200);
        int settleMillis = p.nonNegativeInt("compare.settleMillis");
        if (settleMillis * 2 >= roundMillis) {
            throw BenchProperties.bad("compare.settleMillis", String.valueOf(settleMillis), "less than half of compare.roundMillis ("
                    + roundMillis + ")");
        }
        Path buildDir = p.path("compare.buildDir");
        return new CompareSettings(mode, ref, url == null ? null : trimSlash(url),
                mode == Mode.URL ? 1 : p.positiveInt("compare.forks"), p.positiveInt("compare.blocks"),
                p.nonNegativeInt("compare.burnInBlocks"), roundMillis,
                settleMillis, p.required("compare.mavenCommand"),
                buildDir != null ? buildDir : repoRoot.resolve("target").resolve("ab-reference"), p.bool("compare.shareServers"));
    }

    public boolean enabled() {
        return mode != Mode.OFF;
    }

    /** Rounds of one palindromic block: every server JVM of both sides twice. */
    public int roundsPerBlock() {
        return 4 * forks;
    }

    /** The measured phase of an A/B run, in seconds. */
    public double measuredSeconds() {
        return blocks * roundsPerBlock() * roundMillis / 1000.0;
    }

    static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
