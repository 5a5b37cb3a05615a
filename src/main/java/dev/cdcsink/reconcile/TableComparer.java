package dev.cdcsink.reconcile;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;

import org.springframework.jdbc.core.ConnectionCallback;

import dev.cdcsink.dialect.Bookkeeping;
import dev.cdcsink.dialect.ChecksumStatements;
import dev.cdcsink.dialect.ChecksumTable;
import dev.cdcsink.dialect.Sql;
import dev.cdcsink.dialect.TargetColumn;
import dev.cdcsink.dialect.TargetTable;
import dev.cdcsink.reconcile.ReconcileReport.Example;

/**
 * Compares one source table with its copy without loading either: each database counts its rows,
 * then sums them per bucket (a row count and an XOR of 64-bit row hashes, in one grouped query,
 * a plain consistent read that takes no locks on InnoDB); only the differing buckets are read
 * again, key hashes and row hashes only, streamed side by side to name example keys. Source and
 * target work at the same time: they are usually two servers.
 *
 * <p>Buckets are a hash of the key, not key ranges: keys may be composite and of any type, and a
 * range of text keys is not the same set of rows on both sides when the collations differ (the
 * source's {@code utf8mb4_unicode_ci}, the copy's binary one) or the products do, while the hash of
 * a key's canonical text is. The price is that reading a differing bucket again scans the table
 * rather than an index range, so all differing buckets examined are read in one scan per side.
 */
final class TableComparer {

    /** Differing buckets whose keys are looked for; the others are only counted. */
    static final int MAX_BUCKETS_DETAILED = 20;
    static final int MAX_EXAMPLES_PER_BUCKET = 10;

    /** A table on its side of the comparison. */
    private record Compared(Side side, ChecksumTable table) {

        ChecksumStatements checksums() {
            return side.dialect().checksums();
        }
    }

    private record Both<T>(T source, T target) {
    }

    private final Side source;
    private final Side target;
    private final Executor sourceWork;

    /** @param sourceWork runs the source's queries while the calling thread runs the target's */
    TableComparer(Side source, Side target, Executor sourceWork) {
        this.source = source;
        this.target = target;
        this.sourceWork = sourceWork;
    }

    ReconcileReport.Table compare(CopiedTables.Pair pair, long bucketSize) {
        List<TargetColumn> sourceColumns = new ArrayList<>();
        List<TargetColumn> targetColumns = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        // every column of the source, by name; the copy's bookkeeping and any column of its own are not compared
        for (TargetColumn column : pair.sourceTable().columns()) {
            TargetColumn copy = pair.targetTable().column(column.name());
            if (copy == null) {
                missing.add(column.name());
            } else {
                sourceColumns.add(column);
                targetColumns.add(copy);
            }
        }
        Both<Compared> tables = new Both<>(
                new Compared(source, new ChecksumTable(pair.sourceTable().name(), sourceColumns,
                        key(pair.sourceTable(), pair.key()), false)),
                new Compared(target, new ChecksumTable(pair.targetTable().name(), targetColumns,
                        key(pair.targetTable(), pair.key()), pair.targetTable().column(Bookkeeping.DELETED) != null)));

        Both<Long> counts = onBoth(tables, TableComparer::count);
        int buckets = BucketSums.count(Math.max(counts.source(), counts.target()), bucketSize);
        Both<BucketSums> sums = onBoth(tables, t -> sums(t, buckets));
        List<Integer> differing = sums.source().differing(sums.target());
        List<Integer> detailed = differing.subList(0, Math.min(MAX_BUCKETS_DETAILED, differing.size()));
        Map<Integer, List<Example>> examples = detailed.isEmpty() ? Map.of()
                : examples(tables, buckets, detailed, pair.key());
        List<ReconcileReport.Bucket> reported = detailed.stream().map(b -> new ReconcileReport.Bucket(b,
                sums.source().rows(b), sums.target().rows(b), examples.getOrDefault(b, List.of()))).toList();
        return new ReconcileReport.Table(pair.source().toString(), pair.targetTable().name(),
                differing.isEmpty() && missing.isEmpty(), sums.source().totalRows(), sums.target().totalRows(), missing,
                buckets, differing.size(), reported);
    }

    private static List<TargetColumn> key(TargetTable table, List<String> key) {
        return key.stream().map(table::column).toList();
    }

    /** The task on the source (on another thread) and on the target at once; the first failure is rethrown as it is. */
    private <T> Both<T> onBoth(Both<Compared> tables, Function<Compared, T> task) {
        CompletableFuture<T> fromSource = CompletableFuture.supplyAsync(() -> task.apply(tables.source()), sourceWork);
        T fromTarget = task.apply(tables.target());
        try {
            return new Both<>(fromSource.join(), fromTarget);
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : e;
        }
    }

    private static long count(Compared table) {
        long[] count = new long[1];
        Sql.query(table.side().jdbc(), List.of(table.checksums().count(table.table())), rs -> count[0] = rs.getLong(1));
        return count[0];
    }

    private static BucketSums sums(Compared table, int buckets) {
        BucketSums sums = new BucketSums(buckets);
        Sql.query(table.side().jdbc(), List.of(table.checksums().buckets(table.table(), buckets)),
                rs -> sums.add(rs.getInt(1), rs.getLong(2), ((Number) rs.getObject(3)).longValue()));
        return sums;
    }

    /** Both sides' rows of the buckets, streamed at once on one connection each, merged by key hash. */
    private static Map<Integer, List<Example>> examples(Both<Compared> tables, int buckets, List<Integer> which,
            List<String> key) {
        Compared s = tables.source();
        Compared t = tables.target();
        String sourceRows = s.checksums().rowsOf(s.table(), buckets, which);
        String targetRows = t.checksums().rowsOf(t.table(), buckets, which);
        return s.side().jdbc().execute((ConnectionCallback<Map<Integer, List<Example>>>) sc -> t.side().jdbc().execute(
                (ConnectionCallback<Map<Integer, List<Example>>>) tc -> {
                    try (Statement ss = s.checksums().streaming(sc);
                            ResultSet sr = ss.executeQuery(sourceRows);
                            Statement ts = t.checksums().streaming(tc);
                            ResultSet tr = ts.executeQuery(targetRows)) {
                        return KeyMerge.examples(cursor(sr, key), cursor(tr, key), MAX_EXAMPLES_PER_BUCKET);
                    }
                }));
    }

    /** Rows of {@code rowsOf}: key hash, bucket, row hash, then the key columns, shown under the source's names. */
    private static KeyMerge.Cursor cursor(ResultSet rs, List<String> key) {
        return () -> {
            if (!rs.next()) {
                return null;
            }
            Map<String, Object> values = new LinkedHashMap<>();
            for (int i = 0; i < key.size(); i++) {
                values.put(key.get(i), shown(rs.getObject(4 + i)));
            }
            return new KeyMerge.KeyedRow(rs.getString(1), rs.getInt(2), ((Number) rs.getObject(3)).longValue(), values);
        };
    }

    /** Numbers, text and booleans as they are; bytes as hex; anything else (dates, times) as its text. */
    private static Object shown(Object value) {
        if (value == null || value instanceof Number || value instanceof String || value instanceof Boolean) {
            return value;
        }
        return value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : value.toString();
    }
}
