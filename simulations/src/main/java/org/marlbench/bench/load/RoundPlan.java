package org.marlbench.bench.load;

import org.marlbench.bench.server.Fork;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The measured phase as a sequence of rounds, each on one server JVM. A/B: {@code blocks}
 * palindromic blocks over the 2k forks (sides alternating, A1 B1 A2 B2 B2 A2 B1 A1; the next block
 * starts with the other side and rotates the forks), so every fork runs twice per block at
 * positions symmetric about the block's centre. Plain run: one round on the one server. The clock
 * starts when the first measured request asks for its slot (the warm-up before does not count).
 * Burn-in: blocks of the same shape before the counted ones, sent at the real load but not counted
 * (a server warmed by two users still compiles for ten: a plain ConcurrentUsers run here took
 * 10-15 s at ten users to reach full speed, and an A/B round gives each JVM half a second at a time).
 * Round numbers count the counted rounds only; burn-in slots are {@link Slot.Phase#SETTLE}.
 */
public final class RoundPlan {
    private static final int[][] NO_BURN_IN = new int[0][];
    private final List<Fork> forks;
    private final int blocks;
    private final int roundsPerBlock;
    private final long roundNanos;
    private final long settleNanos;
    private final int roundMillis;
    private final int settleMillis;
    private final Slot[] measured;
    private final Slot[] settling;
    private final Slot[] burnIn;
    private final long burnInNanos;
    private final AtomicLong startNanos = new AtomicLong(Long.MIN_VALUE);
    private volatile long startEpochMs;
    private volatile Runnable onStart = () -> { };

    private RoundPlan(List<Fork> forks, int blocks, int[][] order, int[][] burnInOrder, long roundNanos, long settleNanos) {
        this.forks = forks;
        this.blocks = blocks;
        this.roundsPerBlock = order[0].length;
        this.roundNanos = roundNanos;
        this.settleNanos = settleNanos;
        this.roundMillis = (int) Math.min(Integer.MAX_VALUE, roundNanos / 1_000_000);
        this.settleMillis = (int) (settleNanos / 1_000_000);
        int total = blocks * roundsPerBlock;
        this.measured = new Slot[total];
        this.settling = new Slot[total];
        for (int r = 0; r < total; r++) {
            Fork fork = forks.get(order[r / roundsPerBlock][r % roundsPerBlock]);
            measured[r] = new Slot(Slot.Phase.MEASURED, fork, r, -1);
            settling[r] = new Slot(Slot.Phase.SETTLE, fork, r, -1);
        }
        int burnInRounds = burnInOrder.length * roundsPerBlock;
        this.burnIn = new Slot[burnInRounds];
        for (int r = 0; r < burnInRounds; r++) {
            burnIn[r] = new Slot(Slot.Phase.SETTLE, forks.get(burnInOrder[r / roundsPerBlock][r % roundsPerBlock]), -1, -1);
        }
        this.burnInNanos = burnInRounds * roundNanos;
    }

    /** A/B: forks 0..k-1 are side A, k..2k-1 side B; {@code burnInBlocks} uncounted blocks first. */
    public static RoundPlan alternating(List<Fork> forks, int blocks, int burnInBlocks, long roundMillis, long settleMillis) {
        int k = forks.size() / 2;
        return new RoundPlan(forks, blocks, palindromes(k, blocks), palindromes(k, burnInBlocks), roundMillis * 1_000_000L,
                settleMillis * 1_000_000L);
    }

    private static int[][] palindromes(int k, int blocks) {
        int[][] order = new int[blocks][];
        for (int b = 0; b < blocks; b++) order[b] = palindrome(k, b);
        return order;
    }

    /**
     * A capacity search: {@code steps} rounds on one server, each a ramp of {@code rampMillis} to the
     * next arrival rate (sent, not counted) and a level of {@code levelMillis} (counted).
     */
    public static RoundPlan steps(Fork fork, int steps, long levelMillis, long rampMillis) {
        return new RoundPlan(List.of(fork), 1, new int[][] {new int[steps]}, NO_BURN_IN, (levelMillis + rampMillis) * 1_000_000L,
                rampMillis * 1_000_000L);
    }

    /** Runs once, on the thread of the first measured request, when the clock starts (keep it quick). */
    public void onStart(Runnable action) {
        this.onStart = action;
    }

    /** A plain run: one server, one round of {@code lengthNanos} (Long.MAX_VALUE: no end of its own). */
    public static RoundPlan single(Fork fork, long lengthNanos) {
        return new RoundPlan(List.of(fork), 1, new int[][] {{0}}, NO_BURN_IN, lengthNanos, 0);
    }

    /** Fork indices of block b: half a block alternating sides, then the same backwards. */
    public static int[] palindrome(int k, int b) {
        int[] half = new int[2 * k];
        boolean aFirst = b % 2 == 0;
        for (int i = 0; i < k; i++) {
            int a = (i + b) % k;
            int bee = k + (i + b) % k;
            half[2 * i] = aFirst ? a : bee;
            half[2 * i + 1] = aFirst ? bee : a;
        }
        int[] full = new int[4 * k];
        for (int i = 0; i < 2 * k; i++) {
            full[i] = half[i];
            full[4 * k - 1 - i] = half[i];
        }
        return full;
    }

    /** The slot of a request sent at {@code nowNanos}; starts the clock on the first call. */
    public Slot slot(long nowNanos) {
        long start = startNanos.get();
        if (start == Long.MIN_VALUE) {
            if (startNanos.compareAndSet(Long.MIN_VALUE, nowNanos)) {
                startEpochMs = System.currentTimeMillis();
                onStart.run();
            }
            start = startNanos.get();
        }
        long sinceStart = Math.max(0, nowNanos - start);
        if (sinceStart < burnInNanos) return burnIn[(int) (sinceStart / roundNanos)];
        long elapsed = sinceStart - burnInNanos;
        long r = elapsed / roundNanos;
        if (r >= measured.length) return settling[measured.length - 1]; // after the end: sent, not counted
        return elapsed - r * roundNanos < settleNanos ? settling[(int) r] : measured[(int) r];
    }

    /** The server of the round at {@code nowNanos} without starting the clock; null before it started. */
    public Fork forkAt(long nowNanos) {
        long start = startNanos.get();
        if (start == Long.MIN_VALUE) return null;
        long sinceStart = Math.max(0, nowNanos - start);
        if (sinceStart < burnInNanos) return burnIn[(int) (sinceStart / roundNanos)].fork();
        long r = Math.min(measured.length - 1, (sinceStart - burnInNanos) / roundNanos);
        return measured[(int) r].fork();
    }

    /** False once the last round is over (never true before the clock started). */
    public boolean running(long nowNanos) {
        long start = startNanos.get();
        return start == Long.MIN_VALUE || nowNanos - start < burnInNanos + (long) measured.length * roundNanos;
    }

    /** True while the burn-in blocks run (false before the clock started and after them). */
    public boolean burningIn(long nowNanos) {
        long start = startNanos.get();
        return start != Long.MIN_VALUE && nowNanos - start < burnInNanos;
    }

    public int burnInBlocks() {
        return burnIn.length / roundsPerBlock;
    }

    public boolean started() {
        return startNanos.get() != Long.MIN_VALUE;
    }

    public int rounds() {
        return measured.length;
    }

    public int blocks() {
        return blocks;
    }

    public int roundsPerBlock() {
        return roundsPerBlock;
    }

    public int roundMillis() {
        return roundMillis;
    }

    public int settleMillis() {
        return settleMillis;
    }

    public Fork fork(int round) {
        return measured[round].fork();
    }

    public List<Fork> forks() {
        return forks;
    }

    /** Epoch ms where round r starts, its settle time included (after the burn-in). */
    public long startEpochMs(int round) {
        return countedStartEpochMs(round) - settleMillis;
    }

    /** Epoch ms where round r's counted part starts (after the burn-in and the settle time). */
    public long countedStartEpochMs(int round) {
        return startEpochMs + burnInNanos / 1_000_000 + (long) round * roundMillis + settleMillis;
    }

    public long endEpochMs(int round) {
        return startEpochMs + burnInNanos / 1_000_000 + (long) (round + 1) * roundMillis;
    }

    /** The rounds of each fork, in order (for resources over a fork's own rounds). */
    public List<List<Integer>> roundsByFork() {
        List<List<Integer>> out = new ArrayList<>();
        for (int f = 0; f < forks.size(); f++) out.add(new ArrayList<>());
        for (int r = 0; r < measured.length; r++) out.get(measured[r].fork().index()).add(r);
        return out;
    }
}
