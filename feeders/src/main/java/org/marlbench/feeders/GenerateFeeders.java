package org.marlbench.feeders;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Regenerates feeders/data/market-matrices.jsonl and feeders/data/invalid-requests.jsonl.
 * Usage: GenerateFeeders [--out DIR] [--seed N] [--count N]. The default output directory is
 * feeders/data when run from the repository root and data when run from feeders/.
 * The committed files are the defaults; a test fails if they drift from this generator.
 */
public final class GenerateFeeders {
    public static final String MARKET_FILE = "market-matrices.jsonl";
    public static final String INVALID_FILE = "invalid-requests.jsonl";

    private GenerateFeeders() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Files.isDirectory(Path.of("feeders")) ? Path.of("feeders", "data") : Path.of("data");
        long seed = MarketMatrixGenerator.DEFAULT_SEED;
        int count = MarketMatrixGenerator.DEFAULT_COUNT;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--out" -> out = Path.of(required(args[i], value));
                case "--seed" -> seed = Long.parseLong(required(args[i], value));
                case "--count" -> count = Integer.parseInt(required(args[i], value));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; usage: GenerateFeeders [--out DIR] [--seed N] [--count N]");
            }
            i++;
        }
        Files.createDirectories(out);
        Path market = out.resolve(MARKET_FILE);
        Path invalid = out.resolve(INVALID_FILE);
        Files.writeString(market, marketFeed(seed, count), StandardCharsets.UTF_8);
        Files.writeString(invalid, invalidRequests(), StandardCharsets.UTF_8);
        System.out.printf("wrote %s (%d records, seed %d, %d bytes) and %s (%d bytes)%n", market.toAbsolutePath(), count, seed,
                Files.size(market), invalid.toAbsolutePath(), Files.size(invalid));
    }

    public static String marketFeed(long seed, int count) {
        return MarketJson.lines(new MarketMatrixGenerator(seed).generate(count));
    }

    public static String invalidRequests() {
        return InvalidRequestsFile.render(InvalidRequests.cases());
    }

    private static String required(String flag, String value) {
        if (value == null) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return value;
    }
}
