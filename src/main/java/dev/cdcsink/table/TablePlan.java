package dev.cdcsink.table;

import static dev.cdcsink.event.decode.FailureKind.INVALID_VALUE;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.stream.Collectors;

import dev.cdcsink.change.EventColumn;
import dev.cdcsink.change.EventSchema;
import dev.cdcsink.change.Row;
import dev.cdcsink.change.RowChange;
import dev.cdcsink.change.RowKey;
import dev.cdcsink.dialect.Bookkeeping;
import dev.cdcsink.dialect.RowsStatement;
import dev.cdcsink.dialect.SqlDialect;
import dev.cdcsink.dialect.SqlValues;
import dev.cdcsink.event.decode.DecodeException;

/**
 * How the changes of one event schema are written to one target table, compiled once per
 * (schema version, table version): the columns in the target's spelling, a checked writer per
 * column, how to read the key back, and the statements — a guarded upsert of the images, one of
 * the key alone (a soft delete without a before-image keeps the stored values), the lock that
 * reads stored positions, and the guarded hard delete. A table with unique keys besides its primary
 * key is written by key alone: an update of each stored row and a plain insert of each new one,
 * never an upsert that a duplicate in another unique key would turn into an update of another row.
 */
public final class TablePlan {

    /** What the target holds for a key: the position and image hash of its last change, and whether it is deleted. */
    public record Held(RowKey key, byte[] position, Long rowHash, boolean deleted) {
    }

    private final String table;
    private final EventSchema schema;
    private final ColumnWriter[] writers;
    private final int[] key;
    private final KeyReaders.KeyReader[] keyReaders;
    private final RowsStatement keyOnlyUpsert;
    private final RowsStatement lock;
    private final RowsStatement deleteNotNewer;
    private final List<String> columns;
    private final List<String> keyColumns;
    private final SqlDialect dialect;
    /** The table's unique keys besides the primary key; while there are any, rows are written by key alone. */
    private final List<String> uniqueKeys;
    private final Writes full;
    /** The statements of rows lacking some values, by the columns they lack: compiled when first needed. */
    private final Map<BitSet, Writes> partial = new ConcurrentHashMap<>();
    private final RowsStatement keyOnlyInsert;
    private final RowsStatement keyOnlyUpdate;

    /** The statements that write rows carrying one set of the columns: an upsert, a plain insert, an update by key. */
    private record Writes(RowsStatement upsert, RowsStatement insert, RowsStatement update) {
    }

    /**
     * @param columns the target's names of the schema's columns, in schema order
     * @param writers a writer per schema column
     * @param uniqueKeys the target's unique keys besides the primary key
     */
    TablePlan(String table, EventSchema schema, List<String> columns, List<ColumnWriter> writers, List<String> uniqueKeys,
            SqlDialect dialect) {
        this.table = table;
        this.schema = schema;
        this.writers = writers.toArray(ColumnWriter[]::new);
        this.columns = List.copyOf(columns);
        this.dialect = dialect;
        List<String> keyColumns = new ArrayList<>();
        this.key = new int[schema.keyColumns().size()];
        this.keyReaders = new KeyReaders.KeyReader[key.length];
        for (int i = 0; i < key.length; i++) {
            key[i] = schema.indexOf(schema.keyColumns().get(i));
            keyColumns.add(columns.get(key[i]));
            keyReaders[i] = KeyReaders.of(schema.columns().get(key[i]));
        }
        List<String> all = new ArrayList<>(columns);
        all.addAll(Bookkeeping.COLUMNS);
        List<String> keyAndBookkeeping = new ArrayList<>(keyColumns);
        keyAndBookkeeping.addAll(Bookkeeping.COLUMNS);
        List<String> lockColumns = new ArrayList<>(keyColumns);
        lockColumns.addAll(List.of(Bookkeeping.POSITION, Bookkeeping.ROW_HASH, Bookkeeping.DELETED));
        RowsStatement upsert = dialect.rows().upsert(table, all, keyColumns, Bookkeeping.POSITION);
        this.keyOnlyUpsert = dialect.rows().upsert(table, keyAndBookkeeping, keyColumns, Bookkeeping.POSITION);
        this.lock = dialect.rows().lock(table, keyColumns, lockColumns);
        this.deleteNotNewer = dialect.rows().deleteNotNewer(table, keyColumns, Bookkeeping.POSITION);
        this.keyColumns = List.copyOf(keyColumns);
        this.uniqueKeys = List.copyOf(uniqueKeys);
        this.full = new Writes(upsert, dialect.rows().insert(table, all),
                dialect.rows().updateByKey(table, all, keyColumns, Bookkeeping.POSITION));
        this.keyOnlyInsert = dialect.rows().insert(table, keyAndBookkeeping);
        this.keyOnlyUpdate = dialect.rows().updateByKey(table, keyAndBookkeeping, keyColumns, Bookkeeping.POSITION);
    }

    /** The target table. */
    public String table() {
        return table;
    }

    public EventSchema schema() {
        return schema;
    }

    /**
     * Checks that every value of the change's images fits its target column exactly.
     *
     * @throws DecodeException {@code INVALID_VALUE} naming the field and why
     */
    public void check(RowChange change) {
        check(change.after(), "after");
        check(change.before(), "before");
    }

    private void check(Row row, String path) {
        if (row == null) {
            return;
        }
        List<EventColumn> columns = schema.columns();
        for (int i = 0; i < writers.length; i++) {
            Object value = row.get(i);
            if (value == Row.UNAVAILABLE && keyColumn(i)) {
                throw new DecodeException(INVALID_VALUE, path + "." + columns.get(i).name() + ": the event does not carry "
                        + "the value of a primary key column");
            }
            // a value the event does not carry keeps what the target holds (see upserts)
            if (value == null || value == Row.UNAVAILABLE) {
                continue;
            }
            String problem = writers[i].problem(value);
            if (problem != null) {
                throw new DecodeException(INVALID_VALUE, path + "." + columns.get(i).name() + ": " + problem);
            }
        }
    }

    private boolean keyColumn(int column) {
        for (int k : key) {
            if (k == column) {
                return true;
            }
        }
        return false;
    }

    /** The target's unique keys besides the primary key. */
    public List<String> uniqueKeys() {
        return uniqueKeys;
    }

    /**
     * Statements that write these rows' images with the bookkeeping, guarded by position. A row
     * with values its event did not carry ({@link Row#UNAVAILABLE}) is written by statements
     * without those columns: an existing row keeps them, a new one gets their default.
     */
    public List<String> upserts(List<RowWrite> rows, LocalDateTime appliedAt, int perStatement) {
        List<String> statements = new ArrayList<>();
        byMissing(rows).forEach((missing, writes) -> statements.addAll(writesFor(missing).upsert()
                .render(writes, perStatement, (w, out) -> writeImage(w, missing, appliedAt, out))));
        return statements;
    }

    private static Map<BitSet, List<RowWrite>> byMissing(List<RowWrite> rows) {
        Map<BitSet, List<RowWrite>> byMissing = new LinkedHashMap<>();
        for (RowWrite w : rows) {
            byMissing.computeIfAbsent(unavailable(w.image()), m -> new ArrayList<>()).add(w);
        }
        return byMissing;
    }

    private static BitSet unavailable(Row image) {
        BitSet missing = new BitSet();
        if (image.hasUnavailable()) {
            for (int i = 0; i < image.size(); i++) {
                if (image.get(i) == Row.UNAVAILABLE) {
                    missing.set(i);
                }
            }
        }
        return missing;
    }

    private Writes writesFor(BitSet missing) {
        return missing.isEmpty() ? full : partial.computeIfAbsent(missing, this::writesWithout);
    }

    private Writes writesWithout(BitSet missing) {
        List<String> written = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            if (!missing.get(i)) {
                written.add(columns.get(i));
            }
        }
        written.addAll(Bookkeeping.COLUMNS);
        return new Writes(dialect.rows().upsert(table, written, keyColumns, Bookkeeping.POSITION),
                dialect.rows().insert(table, written),
                dialect.rows().updateByKey(table, written, keyColumns, Bookkeeping.POSITION));
    }

    /**
     * Statements that write these rows' images, guarded by position, touching no row but their own:
     * the {@link #upserts} where the table has no other unique key; otherwise updates of the rows
     * {@code stored} (locked, so known to exist), then plain inserts of the others.
     */
    public List<String> writes(List<RowWrite> rows, Set<RowKey> stored, LocalDateTime appliedAt, int perStatement) {
        if (uniqueKeys.isEmpty()) {
            return upserts(rows, appliedAt, perStatement);
        }
        List<String> statements = new ArrayList<>();
        byMissing(rows).forEach((missing, writes) -> statements.addAll(byKey(writesFor(missing).update(),
                writesFor(missing).insert(), writes, stored, perStatement,
                (w, out) -> writeImage(w, missing, appliedAt, out))));
        return statements;
    }

    /** Statements that mark these keys deleted at their positions, keeping the values the target holds; as {@link #writes}. */
    public List<String> keyOnlyWrites(List<RowWrite> rows, Set<RowKey> stored, LocalDateTime appliedAt,
            int perStatement) {
        RowsStatement.RowWriter<RowWrite> writer = (w, out) -> {
            writeKey(w.key(), out);
            bookkeeping(w, appliedAt, out);
        };
        return uniqueKeys.isEmpty() ? keyOnlyUpsert.render(rows, perStatement, writer)
                : byKey(keyOnlyUpdate, keyOnlyInsert, rows, stored, perStatement, writer);
    }

    private static List<String> byKey(RowsStatement update, RowsStatement insert, List<RowWrite> rows, Set<RowKey> stored,
            int perStatement, RowsStatement.RowWriter<RowWrite> writer) {
        Map<Boolean, List<RowWrite>> split = rows.stream().collect(Collectors.partitioningBy(w -> stored.contains(w.key())));
        List<String> statements = new ArrayList<>(update.render(split.get(true), perStatement, writer));
        statements.addAll(insert.render(split.get(false), perStatement, writer));
        return statements;
    }

    private void writeImage(RowWrite w, BitSet missing, LocalDateTime appliedAt, SqlValues out) {
        for (int i = 0; i < writers.length; i++) {
            if (!missing.get(i)) {
                writers[i].write(w.image().get(i), out);
            }
        }
        bookkeeping(w, appliedAt, out);
    }

    private static void bookkeeping(RowWrite w, LocalDateTime appliedAt, SqlValues out) {
        out.add(w.deleted()).add(w.sourceTimestamp()).add(appliedAt).add(w.rowHash()).add(w.position().toBytes());
    }

    /** Statements that lock the rows of these keys and select what {@link #held} reads. */
    public List<String> locks(List<RowKey> keys, int perStatement) {
        return lock.render(keys, perStatement, this::writeKey);
    }

    /** A row of a {@link #locks} result. */
    public Held held(ResultSet rs) throws SQLException {
        Object[] values = new Object[key.length];
        for (int i = 0; i < key.length; i++) {
            values[i] = keyReaders[i].read(rs, i + 1);
        }
        long hash = rs.getLong(key.length + 2);
        Long rowHash = rs.wasNull() ? null : hash;
        return new Held(new RowKey(values), rs.getBytes(key.length + 1), rowHash, rs.getBoolean(key.length + 3));
    }

    /** Statements that delete these keys' rows unless the target holds a newer change. */
    public List<String> deletes(List<RowWrite> rows, int perStatement) {
        return deleteNotNewer.render(rows, perStatement, (w, out) -> {
            writeKey(w.key(), out);
            out.add(w.position().toBytes());
        });
    }

    private void writeKey(RowKey k, SqlValues out) {
        for (int i = 0; i < key.length; i++) {
            writers[key[i]].write(k.get(i), out);
        }
    }
}
