package dev.cdcsink.apply;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.cdcsink.change.Op;
import dev.cdcsink.change.RowChange;

/** How many changes of a batch ended in each outcome, by target table and op, and which ones were applied. */
public final class ApplyResult {

    /** A change that was applied, with the target table it went to. */
    public record Applied(String table, RowChange change) {
    }

    private final Map<String, int[][]> counts = new HashMap<>();
    private final List<Applied> applied = new ArrayList<>();
    private final List<SourceSwitch> sourceSwitches = new ArrayList<>();

    void add(ChangeOutcome outcome, String table, RowChange change) {
        counts.computeIfAbsent(table, t -> new int[ChangeOutcome.values().length][Op.values().length])
                [outcome.ordinal()][change.op().ordinal()]++;
        if (outcome == ChangeOutcome.APPLIED) {
            applied.add(new Applied(table, change));
        }
    }

    /**
     * The changes this batch's transaction made visible in the target (including those superseded
     * by a newer change of the same key in the batch), so their end-to-end latency can be measured
     * from the commit; duplicates and stale changes are not among them.
     */
    public List<Applied> applied() {
        return Collections.unmodifiableList(applied);
    }

    void switched(SourceSwitch sourceSwitch) {
        sourceSwitches.add(sourceSwitch);
    }

    /** The source logs this batch found started anew, each with the epoch its changes got. */
    public List<SourceSwitch> sourceSwitches() {
        return Collections.unmodifiableList(sourceSwitches);
    }

    /** The target tables this batch had changes for. */
    public Set<String> tables() {
        return Collections.unmodifiableSet(counts.keySet());
    }

    public int count(String table, ChangeOutcome outcome, Op op) {
        int[][] byOutcome = counts.get(table);
        return byOutcome == null ? 0 : byOutcome[outcome.ordinal()][op.ordinal()];
    }

    public int count(ChangeOutcome outcome, Op op) {
        return counts.values().stream().mapToInt(c -> c[outcome.ordinal()][op.ordinal()]).sum();
    }

    public int count(ChangeOutcome outcome) {
        int n = 0;
        for (Op op : Op.values()) {
            n += count(outcome, op);
        }
        return n;
    }

    @Override
    public String toString() {
        return "applied=" + count(ChangeOutcome.APPLIED) + ", duplicate=" + count(ChangeOutcome.DUPLICATE)
                + ", stale=" + count(ChangeOutcome.STALE);
    }
}
