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
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

import org.springframework.jdbc.core.ConnectionCallback;

import dev.cdcsink.dialect.Bookkeeping;
import dev.cdcsink.dialect.ChecksumStatements;
import dev.cdcsink.dialect.ChecksumTable;
import dev.cdcsink.dialect.KeyRange;
import dev.cdcsink.dialect.Sql;
import dev.cdcsink.dialect.TargetColumn;
import dev.cdcsink.dialect.TargetTable;
import dev.cdcsink.reconcile.ReconcileStatus.TableResult;
import dev.cdcsink.reconcile.ReconcileStatus.TableState;

/**
 * Compares one source table with its copy page by page of keys, without loading either. The
 * source says where a page ends (the key {@code pageSize} keys on, read from its primary key's
 * index); then each database counts the page's rows and XORs their 64-bit row hashes, source and
 * target at the same time (they are usually two servers); only a page whose sums differ is read
 * again, key hashes and row hashes of that page only, streamed side by side to name the keys that
 * differ. Every query is a plain consistent read that takes no locks on InnoDB; memory holds a
 * page's bounds, one row per side and the listed differences.
 *
 * <p>Pages are ranges of the keys' sort values ({@link ChecksumStatements#pageEnd}), which are the
 * same on both sides whatever the collations and column types, so a page holds the same keys in
 * the source and in the copy; rows the copy has beyond the source's last key fall in the last page.
 */
final class TableComparer {

    /** A table on its side of the comparison. */
    private record Compared(Side side, ChecksumTable table) {

        ChecksumStatements checksums() {
            return side.dialect().checksums();
        }
    }

    private record Both<T>(T source, T target) {
    }

    /** A page's row count and XOR of row hashes. */
    private record Sums(long rows, long hash) {
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

    /** The source table's rows as its database's statistics estimate them. */
    long estimatedRows(CopiedTables.Pair pair) {
        return source.dialect().checksums().estimatedRows(source.jdbc(), pair.sourceTable().name());
    }

    /** The table as it is before its first page. */
    static TableResult pending(CopiedTables.Pair pair, long estimatedRows) {
        return new TableResult(pair.source().toString(), pair.targetTable().name(), TableState.PENDING, estimatedRows,
                0, 0, 0, 0, missingInTarget(pair), 0, List.of());
    }

    /**
     * Compares the pages in key order, handing the result so far to {@code progress} after each;
     * stops before a page when {@code cancelled} says so, the result then CANCELLED.
     */
    TableResult compare(CopiedTables.Pair pair, TableResult pending, int pageSize, int maxDifferences,
            BooleanSupplier cancelled, Consumer<TableResult> progress) {
        List<TargetColumn> sourceColumns = new ArrayList<>();
        List<TargetColumn> targetColumns = new ArrayList<>();
        // every column of the source, by name; the copy's bookkeeping and any column of its own are not compared
        for (TargetColumn column : pair.sourceTable().columns()) {
            TargetColumn copy = pair.targetTable().column(column.name());
            if (copy != null) {
                sourceColumns.add(column);
                targetColumns.add(copy);
            }
        }
        Both<Compared> tables = new Both<>(
                new Compared(source, new ChecksumTable(pair.sourceTable().name(), sourceColumns,
                        key(pair.sourceTable(), pair.key()), false)),
                new Compared(target, new ChecksumTable(pair.targetTable().name(), targetColumns,
                        key(pair.targetTable(), pair.key()), pair.targetTable().column(Bookkeeping.DELETED) != null)));

        Differences differences = new Differences(maxDifferences);
        long sourceRows = 0;
        long targetRows = 0;
        long pages = 0;
        long differing = 0;
        List<Object> after = null;
        while (true) {
            if (cancelled.getAsBoolean()) {
                return result(pending, TableState.CANCELLED, sourceRows, targetRows, pages, differing, differences);
            }
            KeyRange page = new KeyRange(after, pageEnd(tables.source(), after, pageSize));
            Both<Sums> sums = onBoth(tables, t -> sums(t, page));
            sourceRows += sums.source().rows();
            targetRows += sums.target().rows();
            pages++;
            if (!sums.source().equals(sums.target())) {
                differing++;
                compareKeys(tables, page, pair.key(), differences);
            }
            if (page.upTo() == null) {
                break;
            }
            progress.accept(result(pending, TableState.RUNNING, sourceRows, targetRows, pages, differing, differences));
            after = page.upTo();
        }
        boolean equal = differing == 0 && pending.columnsMissingInTarget().isEmpty();
        return result(pending, equal ? TableState.EQUAL : TableState.DIFFERENT, sourceRows, targetRows, pages, differing,
                differences);
    }

    private static TableResult result(TableResult pending, TableState state, long sourceRows, long targetRows,
            long pages, long differing, Differences differences) {
        return new TableResult(pending.sourceTable(), pending.targetTable(), state, pending.estimatedRows(), sourceRows,
                targetRows, pages, differing, pending.columnsMissingInTarget(), differences.found(), differences.listed());
    }

    private static List<String> missingInTarget(CopiedTables.Pair pair) {
        return pair.sourceTable().columns().stream().map(TargetColumn::name)
                .filter(c -> pair.targetTable().column(c) == null).toList();
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

    /** The sort values of the page's last key; null when fewer than {@code pageSize} keys remain (the last page). */
    private static List<Object> pageEnd(Compared table, List<Object> after, int pageSize) {
        List<List<Object>> end = new ArrayList<>(1);
        Sql.query(table.side().jdbc(), List.of(table.checksums().pageEnd(table.table(), after, pageSize)),
                rs -> end.add(table.checksums().sortValues(rs, table.table().key())));
        return end.isEmpty() ? null : end.get(0);
    }

    private static Sums sums(Compared table, KeyRange page) {
        Sums[] sums = new Sums[1];
        Sql.query(table.side().jdbc(), List.of(table.checksums().pageSums(table.table(), page)),
                rs -> sums[0] = new Sums(rs.getLong(1), ((Number) rs.getObject(2)).longValue()));
        return sums[0];
    }

    /** Both sides' rows of the page, streamed at once on one connection each, merged by key hash. */
    private static void compareKeys(Both<Compared> tables, KeyRange page, List<String> key, Differences found) {
        Compared s = tables.source();
        Compared t = tables.target();
        String sourceRows = s.checksums().pageRows(s.table(), page);
        String targetRows = t.checksums().pageRows(t.table(), page);
        s.side().jdbc().execute((ConnectionCallback<Void>) sc -> t.side().jdbc().execute((ConnectionCallback<Void>) tc -> {
            try (Statement ss = s.checksums().streaming(sc);
                    ResultSet sr = ss.executeQuery(sourceRows);
                    Statement ts = t.checksums().streaming(tc);
                    ResultSet tr = ts.executeQuery(targetRows)) {
                KeyMerge.differences(cursor(sr, key), cursor(tr, key), found);
            }
            return null;
        }));
    }

    /** Rows of {@code pageRows}: key hash, row hash, then the key columns, shown under the source's names. */
    private static KeyMerge.Cursor cursor(ResultSet rs, List<String> key) {
        return () -> {
            if (!rs.next()) {
                return null;
            }
            Map<String, Object> values = new LinkedHashMap<>();
            for (int i = 0; i < key.size(); i++) {
                values.put(key.get(i), shown(rs.getObject(3 + i)));
            }
            return new KeyMerge.KeyedRow(rs.getString(1), ((Number) rs.getObject(2)).longValue(), values);
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
