package org.marlbench.server.component;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batch policy of one forward pass (the agents, and gating.pt when it runs as a module): the circuit breakers decide which agents run, the pass
 * runs, the agent budget and each request's output decide who falls back. Called under one engine
 * lane's lock (see {@link MicroBatcher}), so one pass at a time per lane; the breakers are shared by
 * all lanes and are thread-safe.
 *
 * <p>Breakers count engine exceptions and agent-budget overruns, once per pass (not per request). A
 * non-finite output comes from that request's input: only it falls back and the breaker does not count
 * it, so one client's matrices cannot open the breakers for everybody.
 */
final class BatchRunner {
    private static final Logger LOG = LoggerFactory.getLogger(BatchRunner.class);

    private final CircuitBreaker[] breakers = new CircuitBreaker[StackedForward.AGENTS];
    private final long agentBudgetNanos;
    private final String overAgentBudget;
    /** Test aid: faults injected inside the timed forward region. */
    final ForwardFaults faults = new ForwardFaults();

    BatchRunner(ComponentSettings s) {
        this.agentBudgetNanos = s.agentBudgetNanos();
        this.overAgentBudget = "over the " + agentBudgetNanos / 1_000_000 + " ms agent budget";
        for (int a = 0; a < breakers.length; a++) {
            breakers[a] = new CircuitBreaker(StrategicComponent.AGENTS.get(a), s.breakerFailures(),
                    s.breakerOpenNanos(), System::nanoTime);
        }
    }

    /**
     * One outcome per request of the batch, same order. With gating.pt run as a module its call is part
     * of the pass (timed with it; if it throws, the pass failed); a request whose gating logits are
     * missing or non-finite gets zeros, i.e. the context biases alone decide its gating weights.
     */
    List<Outcome> run(EngineLane lane, List<float[]> batch) {
        int n = StackedForward.AGENTS;
        int size = batch.size();
        boolean[] allowed = new boolean[n];
        boolean anyAllowed = false;
        for (int a = 0; a < n; a++) {
            allowed[a] = breakers[a].allow();
            anyAllowed |= allowed[a];
        }
        String[] batchReason = new String[n];
        float[] logits = null;
        float[] gatingLogits = null;
        long t0 = System.nanoTime();
        long forwardNanos = 0;
        if (anyAllowed) {
            try {
                lane.pack(batch.toArray(new float[0][]), size);
                long f0 = System.nanoTime();
                faults.beforeForward();
                logits = lane.agents().run(size);
                if (lane.gating() != null) gatingLogits = lane.gating().run(size);
                forwardNanos = System.nanoTime() - f0; // the agent budget times the engine only
                faults.afterForward(logits, size);
            } catch (RuntimeException e) {
                LOG.warn("engine forward pass failed for a batch of {}: {}", size, e.toString());
                for (int a = 0; a < n; a++) batchReason[a] = "engine error";
                gatingLogits = null;
            }
        }
        String timeout = forwardNanos > agentBudgetNanos ? overAgentBudget : null;
        String[][] reasons = new String[size][n];
        for (int a = 0; a < n; a++) {
            if (!allowed[a]) {
                for (int b = 0; b < size; b++) reasons[b][a] = "circuit breaker open";
                continue;
            }
            String why = batchReason[a] != null ? batchReason[a] : timeout;
            if (why != null) {
                for (int b = 0; b < size; b++) reasons[b][a] = why;
                breakers[a].recordFailure(why);
                continue;
            }
            breakers[a].recordSuccess();
            for (int b = 0; b < size; b++) {
                int base = (a * size + b) * 3;
                if (!(Float.isFinite(logits[base]) && Float.isFinite(logits[base + 1]) && Float.isFinite(logits[base + 2]))) {
                    reasons[b][a] = "non-finite output";
                }
            }
        }
        long batchNanos = System.nanoTime() - t0;
        List<Outcome> out = new ArrayList<>(size);
        for (int b = 0; b < size; b++) {
            float[] mine = new float[n * 3];
            if (logits != null) {
                for (int a = 0; a < n; a++) System.arraycopy(logits, (a * size + b) * 3, mine, a * 3, 3);
            }
            out.add(new Outcome(mine, reasons[b], lane.gating() == null ? null : gatingRow(gatingLogits, b), batchNanos, size));
        }
        return out;
    }

    /** Request b's 3 gating logits; zeros (context biases only) when gating.pt did not run or gave a non-finite row. */
    private static float[] gatingRow(float[] gatingLogits, int b) {
        float[] row = new float[3];
        if (gatingLogits == null) return row;
        int base = b * 3;
        if (Float.isFinite(gatingLogits[base]) && Float.isFinite(gatingLogits[base + 1]) && Float.isFinite(gatingLogits[base + 2])) {
            System.arraycopy(gatingLogits, base, row, 0, 3);
        }
        return row;
    }

    CircuitBreaker breaker(int agent) {
        return breakers[agent];
    }

    /** Back to CLOSED (after the warm-up, whose slow passes must not count). */
    void resetBreakers() {
        for (CircuitBreaker b : breakers) b.reset();
    }
}
