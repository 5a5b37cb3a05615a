package dev.cdcsink.reconcile;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

import dev.cdcsink.reconcile.ReconcileStatus.State;
import dev.cdcsink.reconcile.ReconcileStatus.TableResult;
import dev.cdcsink.reconcile.ReconcileStatus.TableState;

/**
 * Compares the source tables the sink copies with their copies, one table after the other
 * ({@link CopiedTables} says which, {@link TableComparer} how), logging each as it goes and every
 * {@value #LOG_EVERY_PAGES} pages of a table: a large database takes a while. A cancelled job stops
 * before its next page.
 */
public class Reconciler {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);
    static final int LOG_EVERY_PAGES = 100;

    private final CopiedTables tables;
    private final TableComparer comparer;
    private final ReconcileMetrics metrics;
    private final Clock clock;

    Reconciler(CopiedTables tables, TableComparer comparer, ReconcileMetrics metrics, Clock clock) {
        this.tables = tables;
        this.comparer = comparer;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Compares in the calling thread, to the end.
     *
     * @param table a source table ({@code table} or {@code db.table}) to compare alone; null for all
     * @throws UnknownTableException when {@code table} is not one that can be compared
     */
    public ReconcileStatus reconcile(String table, int pageSize, int maxDifferences) {
        ReconcileJob job = prepare(UUID.randomUUID().toString(), table, pageSize, maxDifferences);
        run(job);
        return job.status();
    }

    /**
     * The job, its tables chosen and their rows estimated, not started.
     *
     * @throws UnknownTableException when {@code table} is not one that can be compared
     */
    ReconcileJob prepare(String id, String table, int pageSize, int maxDifferences) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("page size must be at least 1, was " + pageSize);
        }
        CopiedTables.Selection selection = tables.select(table);
        List<TableResult> pending = selection.pairs().stream()
                .map(p -> TableComparer.pending(p, comparer.estimatedRows(p))).toList();
        return new ReconcileJob(id, table, pageSize, maxDifferences, clock.instant(), selection.pairs(), pending,
                selection.notCompared());
    }

    /** Runs the job to its end: every table compared, or cancelled, or failed. */
    void run(ReconcileJob job) {
        metrics.started();
        long started = System.nanoTime();
        try {
            job.notCompared().forEach(t -> log.info("Reconcile {}: source table {} not compared: {}", job.id(),
                    t.sourceTable(), t.why()));
            job.finish(compareAll(job), clock.instant(), null);
        } catch (RuntimeException e) {
            log.warn("Reconcile {} failed", job.id(), e);
            job.finish(State.FAILED, clock.instant(), why(e));
        } finally {
            metrics.finished();
        }
        ReconcileStatus status = job.status();
        log.info("Reconcile {}: {} ({} of {} tables done, {} keys compared) in {} ms", job.id(), status.state(),
                status.progress().tablesDone(), status.progress().tablesTotal(), status.progress().keysCompared(),
                (System.nanoTime() - started) / 1_000_000);
    }

    private State compareAll(ReconcileJob job) {
        int n = job.pairs().size();
        boolean equal = true;
        for (int i = 0; i < n; i++) {
            if (job.cancelRequested()) {
                return State.CANCELLED;
            }
            int index = i;
            CopiedTables.Pair pair = job.pairs().get(i);
            TableResult pending = job.result(i);
            log.info("Reconcile {} {}/{}: comparing source table {} with target table {} (about {} rows, pages of {})",
                    job.id(), i + 1, n, pair.source(), pair.targetTable().name(), pending.estimatedRows(),
                    job.pageSize());
            long started = System.nanoTime();
            long[] counted = { 0 };
            job.comparing(i, pending.in(TableState.RUNNING));
            TableResult result;
            try {
                result = comparer.compare(pair, pending, job.pageSize(), job.maxDifferences(), job::cancelRequested,
                        progress -> {
                            counted[0] = count(progress, counted[0]);
                            job.update(index, progress);
                            if (progress.pagesCompared() % LOG_EVERY_PAGES == 0) {
                                log.info("Reconcile {} {}/{}: {} pages, {} keys of about {} compared, {} pages differ",
                                        job.id(), index + 1, n, progress.pagesCompared(), progress.sourceRows(),
                                        progress.estimatedRows(), progress.pagesDiffering());
                            }
                        });
            } catch (RuntimeException e) {
                job.update(i, job.result(i).in(TableState.FAILED));
                throw e;
            }
            count(result, counted[0]);
            job.update(i, result);
            log.info("Reconcile {} {}/{}: {} {} ({} source rows, {} target rows, {} of {} pages differ, {} keys differ) "
                    + "in {} ms", job.id(), i + 1, n, pair.source(), result.state(), result.sourceRows(),
                    result.targetRows(), result.pagesDiffering(), result.pagesCompared(), result.differencesFound(),
                    (System.nanoTime() - started) / 1_000_000);
            if (result.state() == TableState.CANCELLED) {
                return State.CANCELLED;
            }
            equal &= result.state() == TableState.EQUAL;
        }
        return equal ? State.EQUAL : State.DIFFERENT;
    }

    /** Counts the rows compared since the last count; returns the new total. */
    private long count(TableResult result, long before) {
        metrics.compared(result.targetTable(), result.sourceRows() - before);
        return result.sourceRows();
    }

    /** What failed, without SQL: the database's own message. */
    private static String why(RuntimeException e) {
        return e instanceof DataAccessException db ? "a database failed: " + db.getMostSpecificCause().getMessage()
                : e.toString();
    }
}
