package dev.cdcsink.reconcile;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A reconcile job as it stands: source tables compared with their copies page by page of keys,
 * each page's row count and checksum of every source column computed in each database, the keys
 * of a differing page compared one by one. Rows soft-deleted in the target count as absent.
 *
 * @param table           the source table asked for; null for every copied table
 * @param pageSize        keys per page
 * @param cancelRequested whether a cancel was asked for; the job stops before its next page
 * @param finishedAt      null while it runs
 * @param tables          the tables to compare, in order, each as far as it got
 * @param notCompared     source tables the sink would copy that cannot be compared, and why
 * @param failure         why a FAILED job failed
 */
public record ReconcileStatus(String id, State state, String table, int pageSize, boolean cancelRequested,
        Instant startedAt, Instant finishedAt, Progress progress, List<TableResult> tables,
        List<NotCompared> notCompared, String failure) {

    public enum State {
        RUNNING, EQUAL, DIFFERENT, CANCELLED, FAILED
    }

    /**
     * @param currentTable  the source table being compared; null when none is
     * @param keysCompared  source rows in the pages compared so far, over all tables
     * @param estimatedRows the source tables' rows as their statistics estimate them (the rows found, for tables done)
     * @param percent       keys compared of those estimated; 100 when every table is done
     */
    public record Progress(int tablesDone, int tablesTotal, String currentTable, long keysCompared, long estimatedRows,
            double percent) {
    }

    /**
     * One source table and its copy.
     *
     * @param estimatedRows          the source table's rows as its statistics estimate them
     * @param sourceRows             source rows in the pages compared so far
     * @param targetRows             target rows (live ones) in those pages
     * @param columnsMissingInTarget source columns the copy lacks: the table differs; the others are compared
     * @param pagesDiffering         pages whose row count or checksum differs
     * @param differencesFound       keys found to differ
     * @param differences            the first of them, in page order ({@code cdc-sink.reconcile.max-differences})
     */
    public record TableResult(String sourceTable, String targetTable, TableState state, long estimatedRows,
            long sourceRows, long targetRows, long pagesCompared, long pagesDiffering,
            List<String> columnsMissingInTarget, long differencesFound, List<KeyDifference> differences) {

        public TableResult {
            columnsMissingInTarget = List.copyOf(columnsMissingInTarget);
            differences = List.copyOf(differences);
        }

        TableResult in(TableState newState) {
            return new TableResult(sourceTable, targetTable, newState, estimatedRows, sourceRows, targetRows,
                    pagesCompared, pagesDiffering, columnsMissingInTarget, differencesFound, differences);
        }

        boolean done() {
            return state == TableState.EQUAL || state == TableState.DIFFERENT;
        }
    }

    public enum TableState {
        PENDING, RUNNING, EQUAL, DIFFERENT, CANCELLED, FAILED
    }

    /** A key that differs: its columns and values (the source's; the target's for an extra row). */
    public record KeyDifference(Map<String, Object> key, Difference difference) {
    }

    public record NotCompared(String sourceTable, String why) {
    }

    public enum Difference {
        /** In the source, not in the target (or soft-deleted there). */
        MISSING_IN_TARGET,
        /** In the target, not in the source. */
        EXTRA_IN_TARGET,
        /** In both, with different values. */
        DIFFERENT
    }
}
