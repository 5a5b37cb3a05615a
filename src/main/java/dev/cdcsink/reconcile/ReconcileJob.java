package dev.cdcsink.reconcile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

import dev.cdcsink.reconcile.ReconcileStatus.NotCompared;
import dev.cdcsink.reconcile.ReconcileStatus.Progress;
import dev.cdcsink.reconcile.ReconcileStatus.State;
import dev.cdcsink.reconcile.ReconcileStatus.TableResult;

/**
 * One reconcile as it runs: written by the thread that runs it, read by any thread asking for its
 * status. Each table's result is an immutable value replaced after every page, so a reader always
 * sees a consistent table, never one half-updated.
 */
final class ReconcileJob {

    private final String id;
    private final String table;
    private final int pageSize;
    private final int maxDifferences;
    private final Instant startedAt;
    private final List<CopiedTables.Pair> pairs;
    private final List<NotCompared> notCompared;
    private final AtomicReferenceArray<TableResult> results;
    private volatile int current = -1;
    private volatile boolean cancelRequested;
    private volatile State state = State.RUNNING;
    private volatile Instant finishedAt;
    private volatile String failure;

    ReconcileJob(String id, String table, int pageSize, int maxDifferences, Instant startedAt,
            List<CopiedTables.Pair> pairs, List<TableResult> pending, List<NotCompared> notCompared) {
        this.id = id;
        this.table = table;
        this.pageSize = pageSize;
        this.maxDifferences = maxDifferences;
        this.startedAt = startedAt;
        this.pairs = List.copyOf(pairs);
        this.notCompared = List.copyOf(notCompared);
        this.results = new AtomicReferenceArray<>(pending.toArray(TableResult[]::new));
    }

    String id() {
        return id;
    }

    int pageSize() {
        return pageSize;
    }

    int maxDifferences() {
        return maxDifferences;
    }

    List<CopiedTables.Pair> pairs() {
        return pairs;
    }

    List<NotCompared> notCompared() {
        return notCompared;
    }

    TableResult result(int index) {
        return results.get(index);
    }

    boolean running() {
        return state == State.RUNNING;
    }

    void cancel() {
        cancelRequested = true;
    }

    boolean cancelRequested() {
        return cancelRequested;
    }

    void comparing(int index, TableResult result) {
        current = index;
        results.set(index, result);
    }

    void update(int index, TableResult result) {
        results.set(index, result);
    }

    void finish(State finalState, Instant at, String why) {
        failure = why;
        finishedAt = at;
        current = -1;
        state = finalState;
    }

    ReconcileStatus status() {
        // read the state first: a job seen finished has all its results written
        State seen = state;
        List<TableResult> tables = new ArrayList<>(results.length());
        for (int i = 0; i < results.length(); i++) {
            tables.add(results.get(i));
        }
        int at = current;
        return new ReconcileStatus(id, seen, table, pageSize, cancelRequested, startedAt, finishedAt,
                progress(tables, at), tables, notCompared, failure);
    }

    /**
     * Keys compared out of the rows expected: a finished table's rows as found, a table not done
     * yet its estimate (or the rows found so far, when more than that). Estimates are statistics,
     * so the percentage is a guide; it reaches 100 when every table is done.
     */
    private static Progress progress(List<TableResult> tables, int current) {
        long compared = 0;
        long expected = 0;
        int done = 0;
        for (TableResult t : tables) {
            compared += t.sourceRows();
            expected += t.done() ? t.sourceRows() : Math.max(t.estimatedRows(), t.sourceRows());
            done += t.done() ? 1 : 0;
        }
        double percent = done == tables.size() ? 100
                : expected == 0 ? 100.0 * done / tables.size() : Math.min(99.9, 100.0 * compared / expected);
        return new Progress(done, tables.size(), current < 0 ? null : tables.get(current).sourceTable(), compared,
                expected, Math.round(percent * 10) / 10.0);
    }
}
