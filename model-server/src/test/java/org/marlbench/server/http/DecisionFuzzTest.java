package org.marlbench.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.marlbench.server.ModelServer;

/**
 * Property-based fuzzing of the decision route against the real server and the real component
 * (issue 10, item 8): 10,000 valid request bodies with 1 to 4 random mutations each (bytes flipped,
 * inserted, deleted, duplicated; the body cut short; JSON tokens and bytes that trip every parser
 * path spliced in: '+1', 1e39, NaN, a 1,200-digit number, 1,100 open brackets, bad UTF-8, a second
 * "matrix"...). Every answer must be a 200 decision or a 4xx in the error shape with a plain message
 * and Server-Timing -- never a 5xx -- and afterwards the server must still be up and give the same
 * decision for the same matrix as before the fuzzing. The bodies go over one keep-alive socket
 * (reopened when an answer closes it); the checks before and after use java.net.http.
 */
class DecisionFuzzTest {
    static final int TRIES = 10_000;
    private static final Set<Integer> ALLOWED = Set.of(200, 400, 413);
    private static final Set<String> CODES = Set.of("malformed_json", "missing_matrix", "bad_shape", "non_finite", "bad_type",
            "too_large");
    private static final String[] TOKENS = {
        "+1", "-", "--1", "1e39", "-1e39", "1e999", "NaN", "Infinity", "-Infinity", "null", "true", "false",
        "\"", "\\", "\\u0000", "\u0000", "\u0007", "{", "}", "[", "]", ",", ":", " ", "\n", "\t", "01", "1.", ".5", "1e",
        "0x10", "\"\\q\"", "\"matrix\":", "\"matrix\":null,", "\"matrix\":[],", "\"matrix\":[[1]],", "\"correlationId\":1,",
        "\"direction\":\"up\",", "\"confidence\":NaN,", "[[1,2],[3]]", "{}", "[]", "1" + "0".repeat(1200), "\"" + "x".repeat(5000) + "\"",
        "\u00e9", "\ud83d\ude00", "é", "\"matrix\":" + "[".repeat(1100), "[".repeat(1100), "]".repeat(50)};
    private static final byte[][] RAW = {{(byte) 0xff}, {(byte) 0xc3}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
        {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, {(byte) 0xfe, (byte) 0xff}, {(byte) 0x80}};

    private static ModelServer server;
    private static HttpClient http;
    private static RawHttp.KeepAlive fuzzClient;
    private static List<byte[]> bases;
    private static JsonNode decisionBefore;
    private static final Map<String, AtomicInteger> OUTCOMES = new TreeMap<>();
    private static final java.util.concurrent.atomic.AtomicLong SEND_NANOS = new java.util.concurrent.atomic.AtomicLong();

    @BeforeContainer
    static void start() throws Exception {
        server = ModelServer.start(DecisionTest.settings());
        assertTrue(server.awaitModel(120_000));
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        bases = new ArrayList<>();
        bases.add(TestClient.body(TestClient.matrix(1)).getBytes(StandardCharsets.UTF_8));
        for (String line : Files.readAllLines(Path.of("../feeders/data/market-matrices.jsonl")).subList(0, 8)) {
            bases.add(line.substring(line.indexOf("\"body\":") + 7, line.length() - 1).getBytes(StandardCharsets.UTF_8));
        }
        decisionBefore = stable(send(bases.get(0)));
        fuzzClient = new RawHttp.KeepAlive(server.port());
    }

    @AfterContainer
    static void checkTheServerIsUnharmed() {
        try {
            int total = OUTCOMES.values().stream().mapToInt(AtomicInteger::get).sum();
            System.out.println("fuzz: " + total + " mutated bodies, answers " + OUTCOMES + ", " + SEND_NANOS.get() / 1_000_000 + " ms in HTTP");
            assertTrue(total >= TRIES, "at least " + TRIES + " bodies: " + total);
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), "still up: " + health.body());
            DecisionTest.assertSameDecision(decisionBefore, stable(send(bases.get(0))), "the decision after fuzzing");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            fuzzClient.close();
            server.stop();
        }
    }

    @Property(tries = TRIES)
    void mutatedBodiesGetADecisionOrAPlain4xx(@ForAll("mutatedBodies") byte[] body) {
        long t0 = System.nanoTime();
        RawHttp.Response r = fuzzClient.postJson(body);
        SEND_NANOS.addAndGet(System.nanoTime() - t0);
        int status = r.status();
        String what = "status " + status + " for " + preview(body) + ": " + r.body();
        assertTrue(ALLOWED.contains(status), what);
        ServerTimingTest.parse(r.header("Server-Timing"));
        JsonNode j = TestClient.json(r.body());
        String outcome;
        if (status == 200) {
            assertTrue(j.has("action") && j.has("performanceMetrics"), what);
            outcome = "200";
        } else {
            String code = j.path("error").asText();
            assertTrue(CODES.contains(code), what);
            assertEquals(2, j.size(), what);
            assertFalse(PlainErrorsTest.LEAK.matcher(j.path("message").asText()).find(), what);
            outcome = status + " " + code;
        }
        synchronized (OUTCOMES) {
            OUTCOMES.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
        }
    }

    /** One of the valid bodies with 1..4 mutations applied in turn. */
    @Provide
    Arbitrary<byte[]> mutatedBodies() {
        Arbitrary<Mutation> mutation = Combinators.combine(Arbitraries.integers().between(0, 8),
                Arbitraries.doubles().between(0, 1), Arbitraries.integers().between(1, 64), Arbitraries.integers().between(0, 255))
                .as(Mutation::new);
        return Combinators.combine(Arbitraries.integers().between(0, bases.size() - 1), mutation.list().ofMinSize(1).ofMaxSize(4))
                .as((base, mutations) -> {
                    byte[] b = bases.get(base);
                    for (Mutation m : mutations) b = m.apply(b);
                    return b;
                });
    }

    /** kind: what to do; at: where (fraction of the body); length: how many bytes; value: a byte or a token index. */
    record Mutation(int kind, double at, int length, int value) {
        byte[] apply(byte[] b) {
            int pos = (int) (at * b.length);
            return switch (kind) {
                case 0 -> { // flip bits of a byte
                    byte[] c = b.clone();
                    if (c.length > 0) c[Math.min(pos, c.length - 1)] ^= (byte) (value | 1);
                    yield c;
                }
                case 1 -> splice(b, pos, 0, new byte[] {(byte) value}); // insert a byte
                case 2 -> splice(b, pos, Math.min(length, b.length - pos), new byte[0]); // delete a run
                case 3 -> splice(b, pos, 0, Arrays.copyOfRange(b, pos, Math.min(b.length, pos + length))); // duplicate a run
                case 4 -> Arrays.copyOf(b, pos); // cut short
                case 5, 6 -> splice(b, pos, 0, TOKENS[value % TOKENS.length].getBytes(StandardCharsets.UTF_8)); // a token
                case 7 -> splice(b, pos, Math.min(length % 8, b.length - pos), TOKENS[value % TOKENS.length]
                        .getBytes(StandardCharsets.UTF_8)); // a token over a few bytes
                default -> splice(b, pos, 0, RAW[value % RAW.length]); // bytes that are not UTF-8 text
            };
        }

        private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
            byte[] c = new byte[b.length - remove + insert.length];
            System.arraycopy(b, 0, c, 0, at);
            System.arraycopy(insert, 0, c, at, insert.length);
            System.arraycopy(b, at + remove, c, at + insert.length, b.length - at - remove);
            return c;
        }
    }

    private static HttpResponse<String> send(byte[] body) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(server.url() + TestClient.DECISION)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("the server did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode stable(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        ObjectNode j = (ObjectNode) TestClient.json(r.body());
        j.remove("timestamp");
        ((ObjectNode) j.get("performanceMetrics")).remove("totalComputationTimeMs");
        return j;
    }

    private static String preview(byte[] body) {
        String s = new String(body, StandardCharsets.UTF_8);
        return s.length() > 300 ? s.substring(0, 150) + " ... " + s.substring(s.length() - 150) : s;
    }
}
