package org.marlbench.bench.load;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.marlbench.bench.server.Fork;

class RoundPlanTest {
    static List<Fork> forks(int k) {
        List<Fork> out = new ArrayList<>();
        for (int i = 0; i < 2 * k; i++) {
            Fork.Side side = i < k ? Fork.Side.A : Fork.Side.B;
            out.add(new Fork(i, side.name() + (i % k + 1), side, "http://127.0.0.1:" + (9000 + i)));
        }
        return out;
    }

    @Test
    void everyBlockIsAPalindromeVisitingEveryForkTwiceWithSidesAlternating() {
        for (int k = 1; k <= 4; k++) {
            for (int b = 0; b < 6; b++) {
                int[] order = RoundPlan.palindrome(k, b);
                assertEquals(4 * k, order.length);
                int[] seen = new int[2 * k];
                for (int i = 0; i < order.length; i++) {
                    seen[order[i]]++;
                    assertEquals(order[i], order[order.length - 1 - i], "symmetric about the block's centre");
                }
                for (int f = 0; f < 2 * k; f++) assertEquals(2, seen[f], "fork " + f + " twice in block " + b);
                for (int i = 1; i < 2 * k; i++) {
                    assertNotEquals(order[i] < k, order[i - 1] < k, "sides alternate in the first half");
                }
            }
        }
        assertArrayEquals(new int[] {0, 2, 1, 3, 3, 1, 2, 0}, RoundPlan.palindrome(2, 0), "A1 B1 A2 B2 B2 A2 B1 A1");
        assertArrayEquals(new int[] {3, 1, 2, 0, 0, 2, 1, 3}, RoundPlan.palindrome(2, 1), "next block: B first, forks rotated");
    }

    @Test
    void slotsFollowTheClockFromTheFirstMeasuredRequest() {
        RoundPlan plan = RoundPlan.alternating(forks(2), 2, 0, 1000, 100);
        long t0 = 5_000_000_000L;
        assertTrue(plan.running(0), "not started: still to run");
        Slot first = plan.slot(t0);
        assertEquals(Slot.Phase.SETTLE, first.phase(), "the first 100 ms of a round settle");
        assertEquals("A1", first.fork().label());
        Slot measured = plan.slot(t0 + 150_000_000L);
        assertEquals(Slot.Phase.MEASURED, measured.phase());
        assertEquals(0, measured.round());
        Slot third = plan.slot(t0 + 2_500_000_000L);
        assertEquals(2, third.round());
        assertEquals("A2", third.fork().label());
        assertEquals(16, plan.rounds());
        assertTrue(plan.running(t0 + 15_999_000_000L));
        assertFalse(plan.running(t0 + 16_000_000_000L));
        assertEquals(Slot.Phase.SETTLE, plan.slot(t0 + 20_000_000_000L).phase(), "after the end: sent, not counted");
        assertEquals(4, plan.roundsByFork().get(0).size(), "each fork: 2 rounds x 2 blocks");
    }

    @Test
    void burnInBlocksGoFirstAtTheSameLoadAndAreNotCounted() {
        RoundPlan plan = RoundPlan.alternating(forks(2), 2, 1, 1000, 100);
        long t0 = 5_000_000_000L;
        plan.slot(t0);
        assertEquals(1, plan.burnInBlocks());
        for (int r = 0; r < 8; r++) {
            Slot s = plan.slot(t0 + r * 1_000_000_000L + 500_000_000L);
            assertEquals(Slot.Phase.SETTLE, s.phase(), "burn-in round " + r + " is sent, not counted");
            assertEquals(-1, s.round());
            assertSame(s.fork(), plan.forkAt(t0 + r * 1_000_000_000L + 500_000_000L), "the live view sees the burn-in's server");
        }
        assertEquals("A1", plan.slot(t0 + 500_000_000L).fork().label(), "the burn-in is a palindromic block like the others");
        assertTrue(plan.burningIn(t0 + 7_999_000_000L));
        assertFalse(plan.burningIn(t0 + 8_000_000_000L));
        Slot first = plan.slot(t0 + 8_500_000_000L);
        assertEquals(Slot.Phase.MEASURED, first.phase());
        assertEquals(0, first.round(), "counted rounds are numbered from 0 after the burn-in");
        assertEquals("A1", first.fork().label());
        assertEquals(16, plan.rounds());
        assertTrue(plan.running(t0 + 23_999_000_000L));
        assertFalse(plan.running(t0 + 24_000_000_000L), "8 burn-in + 16 counted rounds of 1 s");
        long epoch0 = plan.countedStartEpochMs(0) - 8_000 - 100;
        assertEquals(epoch0 + 8_000 + 1_000 + 100, plan.countedStartEpochMs(1), "resource windows start after the burn-in");
        assertEquals(epoch0 + 8_000 + 16_000, plan.endEpochMs(15));
    }

    @Test
    void aPlainRunIsOneRoundOnOneServer() {
        Fork b1 = forks(1).get(1);
        RoundPlan plan = RoundPlan.single(b1, Long.MAX_VALUE);
        Slot s = plan.slot(System.nanoTime());
        assertEquals(Slot.Phase.MEASURED, s.phase());
        assertEquals(0, s.round());
        assertSame(b1, s.fork());
        assertTrue(plan.running(System.nanoTime() + 3_600_000_000_000L));
    }
}
