package org.marlbench.bench.server;

/**
 * One server JVM the load can go to: side B is the server under test (the only side of a plain
 * run), side A the reference of an A/B run; {@code label} is "B1", "A2"... ("B1" in a plain run).
 */
public record Fork(int index, String label, Side side, String baseUrl) {

    public enum Side { A, B }

    public boolean reference() {
        return side == Side.A;
    }
}
