package dev.cdcsink.sink;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import dev.cdcsink.event.ListingChange;
import dev.cdcsink.event.Op;

/** How many changes of a batch ended in each outcome, by op, and which ones were applied. */
public final class ApplyResult {

    private final int[][] counts = new int[ChangeOutcome.values().length][Op.values().length];
    private final List<ListingChange> applied = new ArrayList<>();

    void add(ChangeOutcome outcome, ListingChange change) {
        counts[outcome.ordinal()][change.op().ordinal()]++;
        if (outcome == ChangeOutcome.APPLIED) {
            applied.add(change);
        }
    }

    /**
     * The changes this batch's transaction made visible in the target (including those superseded
     * by a newer change of the same key in the batch), so their end-to-end latency can be measured
     * from the commit; duplicates and stale changes are not among them.
     */
    public List<ListingChange> applied() {
        return Collections.unmodifiableList(applied);
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
