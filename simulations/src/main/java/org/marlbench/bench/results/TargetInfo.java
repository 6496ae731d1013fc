package org.marlbench.bench.results;

import java.util.Locale;
import java.util.Map;

/**
 * A server that was measured, from its /health answer and how we reached it: {@code role} is
 * "under test" (B) or "reference" (A); {@code kind} managed (started here), external (someone
 * else's) or reference build (built here from {@code commit}). SPEC's /health gives engine and
 * engineVersion; {@code modelSource} and {@code modelFiles} (name to SHA-256) when the server says
 * which model it runs ("unknown" otherwise). {@link #key()} keys committed baselines.
 */
public record TargetInfo(String role, String url, String kind, String commit, int forks, String engine,
                         String engineVersion, String modelSource, Map<String, String> modelFiles) {

    /** e.g. "pytorch-2.7.1-seeded": baselines of one target are never compared with another's. */
    public String key() {
        String raw = engine + "-" + engineVersion + "-" + modelSource;
        return raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "-").replaceAll("(^-+|-+$)", "");
    }

    /** "PyTorch 2.7.1, model seeded (commit abc1234)" for people. */
    public String describe() {
        StringBuilder sb = new StringBuilder(engine).append(' ').append(engineVersion).append(", model ").append(modelSource);
        if (modelFiles != null && !modelFiles.isEmpty()) sb.append(' ').append(modelFiles.keySet());
        if (commit != null) sb.append(" (commit ").append(commit).append(')');
        return sb.toString();
    }
}
