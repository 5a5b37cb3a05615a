package dev.cdcsink.sink;

import java.util.Arrays;

import dev.cdcsink.event.Op;

/** How many changes of a batch ended in each outcome, by op. */
public final class ApplyResult {

    private final int[][] counts = new int[ChangeOutcome.values().length][Op.values().length];

    void add(ChangeOutcome outcome, Op op) {
        counts[outcome.ordinal()][op.ordinal()]++;
    }

    public int count(ChangeOutcome outcome, Op op) {
        return counts[outcome.ordinal()][op.ordinal()];
    }

    public int count(ChangeOutcome outcome) {
        return Arrays.stream(counts[outcome.ordinal()]).sum();
    }

    @Override
    public String toString() {
        return "applied=" + count(ChangeOutcome.APPLIED) + ", duplicate=" + count(ChangeOutcome.DUPLICATE)
                + ", stale=" + count(ChangeOutcome.STALE);
    }
}
