package org.marlbench.server.http;

import java.nio.charset.StandardCharsets;
import org.marlbench.server.component.MatrixShape;

/**
 * The happy path of {@link DecisionRequestParser}: one scan over the raw UTF-8 bytes of the
 * common, well-formed request shape, about four times faster than the Jackson streaming pass.
 * It never reports an error: anything it does not fully understand returns null, and the
 * caller parses the body again with Jackson, which stays the reference for every error message
 * and every edge case. So it only has to be right when it says yes.
 *
 * <p>What it accepts: a JSON object (JSON whitespace anywhere between tokens, nothing after it)
 * holding "matrix" (exactly rows arrays of columns numbers, the configured shape) and any of synergyType/correlationId
 * (a string of printable ASCII without escapes, or null) and direction/confidence (a number or
 * null), in any order, each at most once. It declines everything else: unknown fields, escapes,
 * non-ASCII bytes, a BOM, other encodings, "matrix": null, wrong shapes, non-numbers.
 *
 * <p>Numbers are accepted only where the result is provably the same float or double as
 * Jackson's (which rounds the decimal text correctly, like Float.parseFloat; an integer token
 * goes through long, so "-0" is +0.0):
 * <ul>
 * <li>integer tokens of up to 18 digits: (float)/(double) of the long, one correct rounding;
 * <li>decimal/exponent tokens with at most 15 significant digits m and a value m*10^p: for a
 * float, -10 &lt;= p &lt;= 3. p &gt;= 0 is an exact long (&lt; 10^18), rounded once. p &lt; 0 is m / 10^-p in
 * double (both exact, so the quotient is correctly rounded) and then rounded to float. That
 * second rounding is exact too: a float midpoint is M*2^k with M &lt; 2^25, so a quotient that is
 * not a midpoint lies at least min(1/m, 2^-25 * 5^p) of itself away from one, more than the
 * 2^-53 a double rounding can move it (m &lt; 10^15 &lt; 2^50, 5^10 &lt; 2^24). For a double field,
 * -22 &lt;= p &lt;= 22: m and 10^|p| are exact doubles, one correctly rounded operation (Clinger).
 * </ul>
 * Real request bodies (at most 6 significant digits, 5 decimals) always fit.
 */
final class FastRequestScan {
    private static final int MAX_SIGNIFICANT_DIGITS = 15;
    private static final int MAX_INTEGER_DIGITS = 18;
    private static final long[] LONG_POW10 = {1L, 10L, 100L, 1000L};
    private static final double[] DOUBLE_POW10 = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    private static final int MATRIX = 1;
    private static final int SYNERGY_TYPE = 2;
    private static final int DIRECTION = 4;
    private static final int CONFIDENCE = 8;
    private static final int CORRELATION_ID = 16;

    private final byte[] b;
    private final int end;
    private final int rows;
    private final int columns;
    private int pos;

    // The number just scanned: value = (negative ? -1 : 1) * mantissa * 10^exponent10.
    private long mantissa;
    private int exponent10;
    private int significantDigits;
    private boolean negative;
    private boolean integerToken;

    private FastRequestScan(byte[] body, int length, MatrixShape shape) {
        this.b = body;
        this.end = length;
        this.rows = shape.rows();
        this.columns = shape.columns();
    }

    /** The request, or null when this body needs the full Jackson parser (or is not of this shape). */
    static DecisionRequest tryParse(byte[] body, int length, MatrixShape shape) {
        return new FastRequestScan(body, length, shape).request();
    }

    private DecisionRequest request() {
        skipWhitespace();
        if (!take('{')) return null;
        float[] matrix = null;
        String synergyType = null;
        Double direction = null;
        Double confidence = null;
        String correlationId = null;
        int seen = 0;
        do {
            skipWhitespace();
            int field = fieldName();
            if (field == 0 || (seen & field) != 0) return null; // unknown or duplicate: Jackson decides
            seen |= field;
            skipWhitespace();
            if (!take(':')) return null;
            skipWhitespace();
            switch (field) {
                case MATRIX -> {
                    matrix = matrix();
                    if (matrix == null) return null;
                }
                case SYNERGY_TYPE, CORRELATION_ID -> {
                    String s;
                    if (takeNull()) {
                        s = null;
                    } else {
                        s = string();
                        if (s == null) return null;
                    }
                    if (field == SYNERGY_TYPE) synergyType = s; else correlationId = s;
                }
                default -> { // DIRECTION, CONFIDENCE
                    Double d;
                    if (takeNull()) {
                        d = null;
                    } else {
                        double v = number() ? doubleValue() : Double.NaN;
                        if (v != v) return null;
                        d = v;
                    }
                    if (field == DIRECTION) direction = d; else confidence = d;
                }
            }
            skipWhitespace();
        } while (take(','));
        if (!take('}')) return null;
        skipWhitespace();
        if (pos != end || matrix == null) return null;
        return new DecisionRequest(matrix, synergyType, direction, confidence, correlationId);
    }

    private float[] matrix() {
        if (!take('[')) return null;
        float[] m = new float[rows * columns];
        int i = 0;
        for (int row = 0; row < rows; row++) {
            skipWhitespace();
            if (!take('[')) return null;
            for (int col = 0; col < columns; col++) {
                skipWhitespace();
                float v = number() ? floatValue() : Float.NaN;
                if (v != v) return null;
                m[i++] = v;
                skipWhitespace();
                if (!take(col < columns - 1 ? ',' : ']')) return null;
            }
            skipWhitespace();
            if (!take(row < rows - 1 ? ',' : ']')) return null;
        }
        return m;
    }

    /**
     * Scans a JSON number (strict grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?) into
     * the number fields; false when it is not one or has too many digits to convert exactly.
     */
    private boolean number() {
        int i = pos;
        boolean neg = false;
        if (i < end && b[i] == '-') {
            neg = true;
            i++;
        }
        if (i >= end) return false;
        long m = 0;
        int digits = 0; // significant digits in m (leading zeros do not count)
        int c = b[i];
        if (c == '0') {
            i++;
        } else if (c >= '1' && c <= '9') {
            do {
                if (++digits > MAX_INTEGER_DIGITS) return false;
                m = m * 10 + (c - '0');
                i++;
            } while (i < end && (c = b[i]) >= '0' && c <= '9');
        } else {
            return false;
        }
        boolean integer = true;
        int exp = 0;
        if (i < end && b[i] == '.') {
            integer = false;
            i++;
            int start = i;
            while (i < end && (c = b[i]) >= '0' && c <= '9') {
                if (m != 0 || c != '0') {
                    if (++digits > MAX_SIGNIFICANT_DIGITS) return false;
                }
                m = m * 10 + (c - '0');
                exp--;
                i++;
            }
            if (i == start || exp < -MAX_INTEGER_DIGITS) return false;
        }
        if (i < end && (b[i] == 'e' || b[i] == 'E')) {
            integer = false;
            i++;
            boolean expNeg = false;
            if (i < end && (b[i] == '+' || b[i] == '-')) {
                expNeg = b[i] == '-';
                i++;
            }
            int start = i;
            int e = 0;
            while (i < end && (c = b[i]) >= '0' && c <= '9') {
                if (i - start >= 3) return false;
                e = e * 10 + (c - '0');
                i++;
            }
            if (i == start) return false;
            exp += expNeg ? -e : e;
        }
        if (!integer && digits > MAX_SIGNIFICANT_DIGITS) return false;
        pos = i;
        mantissa = m;
        exponent10 = exp;
        significantDigits = digits;
        negative = neg;
        integerToken = integer;
        return true;
    }

    /** The scanned number as Jackson's getFloatValue gives it, or NaN when not provably so. */
    private float floatValue() {
        long m = mantissa;
        if (integerToken) return (float) (negative ? -m : m);
        if (m == 0) return negative ? -0.0f : 0.0f;
        int p = exponent10;
        float v;
        if (p >= 0) {
            if (p >= LONG_POW10.length) return Float.NaN;
            v = (float) (m * LONG_POW10[p]);
        } else {
            if (p < -10) return Float.NaN;
            v = (float) (m / DOUBLE_POW10[-p]);
        }
        return negative ? -v : v;
    }

    /** The scanned number as Jackson's getDoubleValue gives it, or NaN when not provably so. */
    private double doubleValue() {
        long m = mantissa;
        if (integerToken) return negative ? -m : m;
        if (m == 0) return negative ? -0.0 : 0.0;
        int p = exponent10;
        if (p > 22 || p < -22) return Double.NaN;
        double v = p >= 0 ? m * DOUBLE_POW10[p] : m / DOUBLE_POW10[-p];
        return negative ? -v : v;
    }

    /** A string of printable ASCII without escapes; null for anything else. */
    private String string() {
        if (!take('"')) return null;
        int start = pos;
        int i = pos;
        while (i < end) {
            int c = b[i];
            if (c == '"') {
                pos = i + 1;
                return new String(b, start, i - start, StandardCharsets.ISO_8859_1);
            }
            if (c < 0x20 || c == '\\') return null; // control char, escape, or (negative) non-ASCII
            i++;
        }
        return null;
    }

    /** The known field whose quoted name starts at pos, or 0. */
    private int fieldName() {
        if (!take('"')) return 0;
        int start = pos;
        int i = start;
        while (i < end && b[i] != '"') {
            if (b[i] == '\\') return 0;
            i++;
        }
        if (i >= end) return 0;
        pos = i + 1;
        int len = i - start;
        if (is("matrix", start, len)) return MATRIX;
        if (is("synergyType", start, len)) return SYNERGY_TYPE;
        if (is("direction", start, len)) return DIRECTION;
        if (is("confidence", start, len)) return CONFIDENCE;
        if (is("correlationId", start, len)) return CORRELATION_ID;
        return 0;
    }

    private boolean is(String name, int start, int len) {
        if (name.length() != len) return false;
        for (int k = 0; k < len; k++) {
            if (b[start + k] != name.charAt(k)) return false;
        }
        return true;
    }

    private boolean takeNull() {
        if (end - pos >= 4 && b[pos] == 'n' && b[pos + 1] == 'u' && b[pos + 2] == 'l' && b[pos + 3] == 'l') {
            pos += 4;
            return true;
        }
        return false;
    }

    private boolean take(char c) {
        if (pos < end && b[pos] == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void skipWhitespace() {
        int i = pos;
        while (i < end) {
            byte c = b[i];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') break;
            i++;
        }
        pos = i;
    }
}
