package org.marlbench.bench.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.marlbench.bench.history.AtomicFiles;

/**
 * The committed baselines: results-baseline/&lt;profile&gt;/&lt;Simulation&gt;.json. Renewing never
 * loses the old one: it is first copied to history/&lt;Simulation&gt;-&lt;recordedAt&gt;.json (with a
 * numeric suffix if that name exists), then the new one replaces it atomically.
 */
public final class BaselineStore {
    private final GateSettings settings;

    public BaselineStore(GateSettings settings) {
        this.settings = settings;
    }

    /** Renews the baseline from the current run; returns a sentence for the console. */
    public String renew(StatsDocument current, Instant now) throws IOException {
        Path target = settings.baselineFile(current.profile(), current.simulation());
        String kept = "";
        if (Files.exists(target)) {
            Path archived = archive(target, current.profile(), current.simulation());
            kept = " (previous baseline kept as " + archived + ")";
        }
        ObjectNode copy = current.root().deepCopy();
        copy.put("baselineRecordedAt", now.truncatedTo(ChronoUnit.MILLIS).toString());
        copy.put("gitCommit", current.gitCommit());
        AtomicFiles.write(target, StatsDocument.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(copy) + "\n");
        return "baseline for " + current.simulation() + " (profile " + current.profile() + ") recorded in " + target + kept;
    }

    private Path archive(Path target, String profile, String simulation) throws IOException {
        Path historyDir = settings.baselineHistoryDir(profile);
        Files.createDirectories(historyDir);
        String stamp = recordedAt(target).replace(':', '-');
        Path archived = historyDir.resolve(simulation + "-" + stamp + ".json");
        for (int i = 2; Files.exists(archived); i++) {
            archived = historyDir.resolve(simulation + "-" + stamp + "-" + i + ".json");
        }
        Files.copy(target, archived, StandardCopyOption.COPY_ATTRIBUTES);
        return archived;
    }

    /** baselineRecordedAt of the file, or its modification time when it is unreadable/corrupt. */
    private static String recordedAt(Path file) throws IOException {
        try {
            JsonNode node = StatsDocument.JSON.readTree(file.toFile());
            if (node != null && node.path("baselineRecordedAt").isTextual()) {
                return node.path("baselineRecordedAt").asText();
            }
        } catch (IOException ignored) {
            // a corrupt baseline is archived under its file time; the caller reports the corruption
        }
        return Files.getLastModifiedTime(file).toInstant().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
