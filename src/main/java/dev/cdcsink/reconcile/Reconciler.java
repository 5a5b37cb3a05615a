package dev.cdcsink.reconcile;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares the source tables the sink copies with their copies, one table after the other
 * ({@link CopiedTables} says which, {@link TableComparer} how), logging each as it goes: a large
 * database takes a while.
 */
public class Reconciler {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    private final CopiedTables tables;
    private final TableComparer comparer;
    private final Clock clock;

    Reconciler(CopiedTables tables, TableComparer comparer, Clock clock) {
        this.tables = tables;
        this.comparer = comparer;
        this.clock = clock;
    }

    /**
     * @param bucketSize about how many rows a bucket holds (at least 1)
     * @param table      a source table ({@code table} or {@code db.table}) to compare alone; null for all
     * @throws UnknownTableException when {@code table} is not one that can be compared
     */
    public ReconcileReport reconcile(long bucketSize, String table) {
        if (bucketSize < 1) {
            throw new IllegalArgumentException("bucket size must be at least 1, was " + bucketSize);
        }
        CopiedTables.Selection selection = tables.select(table);
        List<ReconcileReport.Table> compared = new ArrayList<>();
        int n = selection.pairs().size();
        for (CopiedTables.Pair pair : selection.pairs()) {
            long started = System.nanoTime();
            log.info("Reconcile {}/{}: comparing source table {} with target table {}", compared.size() + 1, n,
                    pair.source(), pair.targetTable().name());
            ReconcileReport.Table report = comparer.compare(pair, bucketSize);
            log.info("Reconcile {}/{}: {} {} ({} source rows, {} target rows, {} of {} buckets differ) in {} ms",
                    compared.size() + 1, n, pair.source(), report.equal() ? "equal" : "DIFFERS", report.sourceRows(),
                    report.targetRows(), report.bucketsDiffering(), report.bucketsCompared(),
                    (System.nanoTime() - started) / 1_000_000);
            compared.add(report);
        }
        selection.notCompared().forEach(t -> log.info("Reconcile: source table {} not compared: {}", t.sourceTable(),
                t.why()));
        return new ReconcileReport(compared.stream().allMatch(ReconcileReport.Table::equal), clock.instant(),
                bucketSize, compared, selection.notCompared());
    }
}
