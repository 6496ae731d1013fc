package org.marlbench.server.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.marlbench.server.component.MatrixShape;

/**
 * The byte-scan fast path against the Jackson reference: whenever the fast path accepts a body,
 * Jackson must accept it too and give the identical request (floats compared bit for bit,
 * doubles by Double.equals, so -0.0 and 0.0 differ). A body the fast path declines goes to
 * Jackson anyway, so declining is always safe; the tests also check it does not decline the
 * real bodies, or the speed-up would be lost.
 */
class FastRequestScanTest {
    private static final MatrixShape SPEC = MatrixShape.SPEC;
    private static final DecisionRequestParser PARSER = new DecisionRequestParser(SPEC);

    /** True when the fast path accepted the body (and then agreed with Jackson); fails on any disagreement. */
    private static boolean agreesWithJackson(byte[] body, int length) {
        DecisionRequest fast = FastRequestScan.tryParse(body, length, SPEC);
        if (fast == null) return false;
        String text = new String(body, 0, length, StandardCharsets.UTF_8);
        DecisionRequest ref;
        try {
            ref = PARSER.parseWithJackson(body, length);
        } catch (ApiError e) {
            fail("the fast path accepted a body Jackson rejects (" + e.code() + ": " + e.getMessage() + "): " + shorten(text));
            return false;
        }
        float[] a = fast.matrix();
        float[] r = ref.matrix();
        assertEquals(r.length, a.length);
        for (int i = 0; i < r.length; i++) {
            if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(r[i])) {
                fail("cell " + i + ": fast " + a[i] + " vs Jackson " + r[i] + " in " + shorten(text));
            }
        }
        assertEquals(ref.synergyType(), fast.synergyType(), text);
        assertEquals(ref.direction(), fast.direction(), text);
        assertEquals(ref.confidence(), fast.confidence(), text);
        assertEquals(ref.correlationId(), fast.correlationId(), text);
        return true;
    }

    private static boolean agreesWithJackson(String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        return agreesWithJackson(b, b.length);
    }

    private static String shorten(String s) {
        return s.length() <= 400 ? s : s.substring(0, 400) + "...(" + s.length() + " chars)";
    }

    /** The 256 generated market bodies, cut byte for byte out of the feed lines. */
    private static List<String> marketBodies() throws IOException {
        Path feed = Path.of("..", "feeders", "data", "market-matrices.jsonl");
        List<String> bodies = new ArrayList<>();
        for (String line : Files.readAllLines(feed, StandardCharsets.UTF_8)) {
            int at = line.indexOf("\"body\":");
            assertTrue(at > 0 && line.endsWith("}}"), line);
            bodies.add(line.substring(at + "\"body\":".length(), line.length() - 1));
        }
        return bodies;
    }

    @Test
    void everyMarketBodyTakesTheFastPathAndMatchesJackson() throws IOException {
        List<String> bodies = marketBodies();
        assertEquals(256, bodies.size());
        for (String body : bodies) {
            assertTrue(agreesWithJackson(body), "declined a real body: " + shorten(body));
        }
    }

    @Test
    void respectsTheLengthAndIgnoresBytesBeyondIt() throws IOException {
        byte[] body = marketBodies().get(0).getBytes(StandardCharsets.UTF_8);
        byte[] padded = new byte[body.length + 10];
        System.arraycopy(body, 0, padded, 0, body.length);
        java.util.Arrays.fill(padded, body.length, padded.length, (byte) 'x');
        assertTrue(agreesWithJackson(padded, body.length));
        assertNull(FastRequestScan.tryParse(padded, body.length - 1, SPEC)); // cut short: Jackson reports it
    }

    /** Random matrices in random number formats, whitespace, field order and optional fields. */
    @Test
    void randomBodiesAgreeWithJackson() {
        Random rnd = new Random(20260101L);
        int accepted = 0;
        int plainAccepted = 0;
        int total = 3000;
        for (int n = 0; n < total; n++) {
            boolean plain = n % 3 == 0; // formats the fast path must take
            String body = randomBody(rnd, plain);
            boolean ok = agreesWithJackson(body);
            if (ok) accepted++;
            if (plain) {
                assertTrue(ok, "declined a plain body: " + shorten(body));
                plainAccepted++;
            }
        }
        assertEquals(total / 3, plainAccepted);
        assertTrue(accepted > plainAccepted + total / 10, "accepted " + accepted); // not only the plain ones
    }

    /** Single cells in every number format, including ones near float rounding midpoints. */
    @Test
    void numberFormatsAgreeWithJackson() {
        Random rnd = new Random(7);
        String[] fixed = {"0", "-0", "0.0", "-0.0", "0e5", "-0E-3", "0.000", "1", "-1", "1.0", "1e0", "1E+3",
            "1e-5", "1.5e-3", "2.5E2", "16777217", "16777217.0", "16777217.0000001", "16777216.9999999",
            "33554435", "33554433.0", "999999999999999999", "-999999999999999999", "9999999999999999999",
            "123456789012345", "1234567890.12345", "0.1", "0.2", "0.3", "0.7", "3.4028235E38", "3.4028236e38",
            "1.4E-45", "1e-46", "1.17549435E-38", "0.00000000001", "0.0000000001", "99999.99999",
            "01", "-", "1.", ".5", "+1", "1e", "1e+", "--1", "0x10", "1.5e3.2", "Infinity", "NaN", "-Infinity",
            "1e39", "1" + "0".repeat(60), "1.0" + "0".repeat(40), "0." + "0".repeat(40) + "1", "1e0000", "1e007"};
        int accepted = 0;
        for (String token : fixed) {
            if (agreesWithJackson(TestClient.bodyWithCell(rnd.nextInt(48), rnd.nextInt(13), token))) accepted++;
        }
        assertTrue(accepted >= 30, "accepted " + accepted);
        for (String bad : new String[] {"01", "-", "1.", ".5", "+1", "1e", "1e+", "--1", "0x10", "1.5e3.2", "NaN",
                "Infinity", "1e39", "1" + "0".repeat(60)}) {
            byte[] b = TestClient.bodyWithCell(3, 4, bad).getBytes(StandardCharsets.UTF_8);
            assertNull(FastRequestScan.tryParse(b, b.length, SPEC), bad);
        }

        int nearMidpoint = 0;
        for (int n = 0; n < 20_000; n++) {
            String token = randomNumber(rnd, n % 2 == 0);
            byte[] b = TestClient.bodyWithCell(n % 48, n % 13, token).getBytes(StandardCharsets.UTF_8);
            boolean ok = agreesWithJackson(b, b.length);
            if (ok && n % 2 == 0) nearMidpoint++;
        }
        assertTrue(nearMidpoint > 5_000, "near-midpoint numbers accepted: " + nearMidpoint);
    }

    /** direction/confidence go through double: same values as Jackson, -0 and 0 kept apart. */
    @Test
    void optionalNumbersAgreeWithJackson() {
        Random rnd = new Random(11);
        String matrix = TestClient.matrixJson(TestClient.matrix(2));
        int accepted = 0;
        String[] fixed = {"0", "-0", "-0.0", "1", "-1", "0.82", "1e22", "1e23", "1e-22", "1e-23", "123456789012345678",
            "1.7976931348623157e308", "4.9e-324", "0.1e1", "-12.5E-3", "null"};
        for (String token : fixed) {
            if (agreesWithJackson("{\"matrix\":" + matrix + ",\"direction\":" + token + ",\"confidence\":" + token + "}")) {
                accepted++;
            }
        }
        for (int n = 0; n < 5_000; n++) {
            String d = randomNumber(rnd, rnd.nextBoolean());
            String c = rnd.nextInt(10) == 0 ? "null" : randomNumber(rnd, false);
            if (agreesWithJackson("{\"confidence\":" + c + ",\"direction\":" + d + ",\"matrix\":" + matrix + "}")) accepted++;
        }
        assertTrue(accepted > 2_500, "accepted " + accepted);
    }

    /** Damaged bodies: whatever the fast path still accepts, Jackson must accept identically. */
    @Test
    void mutatedBodiesNeverGetAcceptedWrongly() {
        Random rnd = new Random(99);
        String[] pieces = {" ", "\t", "\n", "\r", "\u000b", "\u0000", ",", ":", "[", "]", "{", "}", "\"", "\\", "-", "+",
            ".", "e", "E", "0", "1", "9", "null", "true", "x", "\u00e9", "\ufeff", "\"matrix\":null", "\"direction\":1",
            "\"correlationId\":\"a\""};
        int accepted = 0;
        for (int n = 0; n < 6_000; n++) {
            StringBuilder s = new StringBuilder(randomBody(rnd, rnd.nextBoolean()));
            int edits = 1 + rnd.nextInt(3);
            for (int k = 0; k < edits; k++) {
                int at = rnd.nextInt(s.length() + 1);
                switch (rnd.nextInt(4)) {
                    case 0 -> s.insert(at, pieces[rnd.nextInt(pieces.length)]);
                    case 1 -> {
                        if (at < s.length()) s.deleteCharAt(at);
                    }
                    case 2 -> {
                        if (at < s.length()) s.setCharAt(at, pieces[rnd.nextInt(pieces.length)].charAt(0));
                    }
                    default -> {
                        int len = Math.min(rnd.nextInt(12), s.length() - at);
                        s.insert(at, s.substring(at, at + len)); // a repeated fragment
                    }
                }
            }
            if (agreesWithJackson(s.toString())) accepted++;
        }
        assertTrue(accepted > 0, "some harmless edits (whitespace, digits) are still accepted");
    }

    /** Everything unusual is left to Jackson (which then gives the documented result or error). */
    @Test
    void declinesWhatItDoesNotFullyUnderstand() {
        String m = TestClient.matrixJson(TestClient.matrix(1));
        String[] declined = {
            "", " ", "{}", "{\"matrix\":null}", "{\"matrix\":null,\"matrix\":" + m + "}",
            "{\"matrix\":" + m + ",\"matrix\":" + m + "}", "{\"matrix\":" + m + ",\"direction\":1,\"direction\":2}",
            "\ufeff{\"matrix\":" + m + "}", "{\"matrix\":" + m + ",\"unknown\":1}", "{\"matrix\":" + m + ",\"correlationId\":\"a\\\"b\"}",
            "{\"matrix\":" + m + ",\"correlationId\":\"caf\u00e9\"}", "{\"matrix\":" + m + ",\"correlationId\":\"a\u0001\"}",
            "{\"matrix\":" + m + "} x", "{\"matrix\":" + m + "}{}", "{\"matrix\":" + m + ",}", "{\"m\\u0061trix\":" + m + "}",
            "{\"matrix\":" + m + ",\"direction\":\"up\"}", "{\"matrix\":" + m + ",\"confidence\":NaN}",
            "{\"matrix\":" + m + ",\"synergyType\":3}", "{\"matrix\":[1,2,3]}", "{\"matrix\":[]}", "[1,2]",
            TestClient.body(java.util.Arrays.copyOf(TestClient.matrix(1), 47)), TestClient.body(new double[48][14]),
            TestClient.bodyWithCell(7, 2, "\"x\""), TestClient.bodyWithCell(7, 2, "null"), TestClient.bodyWithCell(0, 0, "[1]"),
        };
        for (String body : declined) {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            assertNull(FastRequestScan.tryParse(b, b.length, SPEC), body);
        }
        byte[] utf16 = ("{\"matrix\":" + m + "}").getBytes(StandardCharsets.UTF_16LE);
        assertNull(FastRequestScan.tryParse(utf16, utf16.length, SPEC));
        // ...and the public parser still reads it, through Jackson.
        assertNotNull(PARSER.parse(utf16, utf16.length).matrix());
    }

    // ---- generators ----

    private static String randomBody(Random rnd, boolean plain) {
        List<String> fields = new ArrayList<>();
        StringBuilder matrix = new StringBuilder("[");
        for (int r = 0; r < 48; r++) {
            if (r > 0) matrix.append(',').append(ws(rnd, plain));
            matrix.append('[').append(ws(rnd, plain));
            for (int c = 0; c < 13; c++) {
                if (c > 0) matrix.append(ws(rnd, plain)).append(',').append(ws(rnd, plain));
                // An unusual format in a few cells only, so that some of these bodies are still accepted.
                matrix.append(plain || rnd.nextInt(400) != 0 ? plainNumber(rnd) : randomNumber(rnd, rnd.nextInt(4) == 0));
            }
            matrix.append(ws(rnd, plain)).append(']');
        }
        matrix.append(ws(rnd, plain)).append(']');
        fields.add("\"matrix\"" + ws(rnd, plain) + ":" + ws(rnd, plain) + matrix);
        if (rnd.nextBoolean()) fields.add("\"synergyType\":" + (rnd.nextInt(5) == 0 ? "null" : "\"" + word(rnd) + "\""));
        if (rnd.nextBoolean()) fields.add("\"correlationId\":" + (rnd.nextInt(5) == 0 ? "null" : "\"" + word(rnd) + "\""));
        if (rnd.nextBoolean()) fields.add("\"direction\":" + (rnd.nextInt(5) == 0 ? "null" : String.valueOf(rnd.nextInt(3) - 1)));
        if (rnd.nextBoolean()) fields.add("\"confidence\":" + (rnd.nextInt(5) == 0 ? "null" : plainNumber(rnd)));
        java.util.Collections.shuffle(fields, rnd);
        return ws(rnd, plain) + "{" + ws(rnd, plain) + String.join(ws(rnd, plain) + "," + ws(rnd, plain), fields)
                + ws(rnd, plain) + "}" + ws(rnd, plain);
    }

    private static String ws(Random rnd, boolean plain) {
        int n = rnd.nextInt(plain ? 6 : 3);
        if (n > 2) return "";
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) s.append(" \t\n\r".charAt(rnd.nextInt(4)));
        return s.toString();
    }

    private static String word(Random rnd) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABC0123456789-_ .:/~!#$%&'()*+,;<=>?@[]^`{|}\u007f";
        StringBuilder s = new StringBuilder();
        int n = rnd.nextInt(20);
        for (int i = 0; i < n; i++) s.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        return s.toString();
    }

    /** Decimals like the real feed writes: up to 9 significant digits, up to 6 decimals, integers. */
    private static String plainNumber(Random rnd) {
        if (rnd.nextInt(8) == 0) return String.valueOf(rnd.nextInt(2_000_001) - 1_000_000);
        int decimals = rnd.nextInt(7);
        long digits = (long) (rnd.nextDouble() * Math.pow(10, 1 + rnd.nextInt(9)));
        BigDecimal v = BigDecimal.valueOf(rnd.nextBoolean() ? digits : -digits, decimals);
        return v.toPlainString();
    }

    /** Any JSON number form; nearMidpoint picks decimals within a hair of a float rounding midpoint. */
    private static String randomNumber(Random rnd, boolean nearMidpoint) {
        if (nearMidpoint) {
            float f = (float) (Math.pow(10, rnd.nextDouble() * 12 - 4)); // 1e-4 .. 1e8
            BigDecimal mid = new BigDecimal(f).add(new BigDecimal(Math.nextUp(f))).divide(BigDecimal.valueOf(2));
            RoundingMode mode = RoundingMode.values()[rnd.nextInt(4)]; // UP, DOWN, CEILING, FLOOR
            BigDecimal near = mid.round(new MathContext(6 + rnd.nextInt(12), mode));
            if (rnd.nextInt(4) == 0) near = near.add(near.ulp().multiply(BigDecimal.valueOf(rnd.nextInt(3) - 1)));
            String s = rnd.nextBoolean() ? near.toPlainString() : near.toString();
            return rnd.nextBoolean() ? "-" + s : s;
        }
        return switch (rnd.nextInt(9)) {
            case 0 -> Float.toString((float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(30) - 15)));
            case 1 -> Double.toString(rnd.nextGaussian() * Math.pow(10, rnd.nextInt(30) - 15));
            case 2 -> String.format(java.util.Locale.ROOT, "%." + rnd.nextInt(12) + "f", rnd.nextGaussian() * 1000);
            case 3 -> String.format(java.util.Locale.ROOT, "%." + rnd.nextInt(10) + (rnd.nextBoolean() ? "e" : "E"),
                    rnd.nextGaussian() * Math.pow(10, rnd.nextInt(20) - 10)).replace("e+0", "e+").replace("e-0", "e-");
            case 4 -> String.valueOf(rnd.nextLong() >> rnd.nextInt(64));
            case 5 -> Float.toString(Float.intBitsToFloat(rnd.nextInt() & 0x7f7fffff)); // any finite, subnormals too
            case 6 -> (rnd.nextBoolean() ? "-" : "") + "0" + (rnd.nextBoolean() ? "." + "0".repeat(1 + rnd.nextInt(4)) : "")
                    + (rnd.nextBoolean() ? "e" + (rnd.nextInt(5) - 2) : "");
            case 7 -> BigDecimal.valueOf(rnd.nextInt(1_000_000), rnd.nextInt(16) - 3).toPlainString() + "0".repeat(rnd.nextInt(4));
            default -> plainNumber(rnd);
        };
    }
}
