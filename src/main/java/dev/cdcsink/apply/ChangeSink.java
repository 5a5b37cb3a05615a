package dev.cdcsink.apply;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.kafka.common.TopicPartition;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dev.cdcsink.change.Op;
import dev.cdcsink.change.Row;
import dev.cdcsink.change.RowChange;
import dev.cdcsink.change.RowKey;
import dev.cdcsink.change.SourcePosition;
import dev.cdcsink.dialect.Sql;
import dev.cdcsink.dialect.SqlDialect;
import dev.cdcsink.table.RowWrite;
import dev.cdcsink.table.TablePlan;

/**
 * Applies a {@link ChangeBatch} — changes of any number of tables — to the target in ONE
 * transaction: the rows of every table and the partitions' next offsets commit together or not at
 * all, so a crash anywhere leaves the target at a batch boundary and a redelivered record is
 * recognised as a duplicate.
 *
 * <p>Tables are worked on in name order and each table's keys in one statement per chunk, so
 * that instances lock in the same order and never deadlock each other. Within the batch, each
 * key's changes are compacted to the newest one by source position, which gives the same final
 * state as applying them one by one, since an older change never overwrites a newer one anyway.
 * The guard is in the SQL too: a writer that skipped the checks here still could not regress a row.
 */
@Service
public class ChangeSink {

    /** What a key's row looks like after a change, as far as telling changes apart needs: gone, or an image hash. */
    private static final Object ABSENT = new Object();

    private final JdbcTemplate jdbc;
    private final SqlDialect dialect;
    private final OffsetStore offsets;
    private final PositionLedgers ledgers;
    private final SourceEpochs epochs;
    private final TransactionTemplate transaction;
    private final DeleteMode deleteMode;
    private final int perStatement;

    public ChangeSink(JdbcTemplate jdbc, SqlDialect dialect, OffsetStore offsets,
            PlatformTransactionManager transactionManager, SinkProperties properties) {
        this.jdbc = jdbc;
        this.dialect = dialect;
        this.offsets = offsets;
        this.deleteMode = properties.deleteMode();
        this.perStatement = properties.chunkSize();
        this.ledgers = new PositionLedgers(jdbc, dialect, perStatement);
        this.epochs = new SourceEpochs(jdbc, dialect, perStatement);
        this.transaction = new TransactionTemplate(transactionManager);
        // Row locks on the batch's keys are all the isolation needed; READ COMMITTED takes no gap
        // locks, so consumers of different partitions do not deadlock on neighbouring keys.
        this.transaction.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        this.transaction.setName("cdc-sink-batch");
    }

    /** Whether {@code failure} of {@link #apply} is the target refusing a row for good (not a failure that may pass). */
    public boolean rejectsRow(Throwable failure) {
        return RejectedRows.isRejectedRow(failure, dialect);
    }

    /** Applies the batch; throws (and changes nothing) when the transaction cannot commit. */
    public ApplyResult apply(ChangeBatch batch) {
        return transaction.execute(status -> applyInTransaction(batch));
    }

    /** One table's share of the batch. */
    private static final class TableChanges {
        final List<RowChange> truncates = new ArrayList<>();
        final Map<RowKey, List<ChangeBatch.Planned>> byKey = new LinkedHashMap<>();
    }

    private ApplyResult applyInTransaction(ChangeBatch batch) {
        ApplyResult result = new ApplyResult();
        OffsetStore.Locked locked = offsets.lock(batch.nextOffsets().keySet());
        Map<TopicPartition, Long> stored = locked.nextOffsets();
        LocalDateTime appliedAt = LocalDateTime.now(ZoneOffset.UTC);

        Map<String, TableChanges> tables = new TreeMap<>();
        SourceEpochs.Assigned assigned = epochs.assign(batch.changes(), locked, appliedAt, result);
        for (ChangeBatch.Planned planned : assigned.changes()) {
            RowChange change = planned.change();
            TopicPartition partition = new TopicPartition(change.coordinates().topic(), change.coordinates().partition());
            if (change.coordinates().offset() < stored.get(partition)) {
                result.add(ChangeOutcome.DUPLICATE, planned.table(), change);
                continue;
            }
            TableChanges table = tables.computeIfAbsent(planned.table(), t -> new TableChanges());
            if (change.op() == Op.TRUNCATE) {
                table.truncates.add(change);
            } else {
                table.byKey.computeIfAbsent(change.key(), k -> new ArrayList<>()).add(planned);
            }
        }
        if (!tables.isEmpty()) {
            Map<String, SourcePosition> floors = ledgers.floors(tables.keySet());
            tables.forEach((name, changes) -> applyTable(name, changes, floors.get(name), appliedAt, result));
        }
        offsets.advance(locked, batch.nextOffsets(), assigned.sourceStates());
        return result;
    }

    private void applyTable(String table, TableChanges changes, SourcePosition floor, LocalDateTime appliedAt,
            ApplyResult result) {
        SourcePosition newestTruncate = null;
        for (RowChange truncate : changes.truncates) {
            ChangeOutcome outcome = outcome(truncate.position(), max(floor, newestTruncate), ABSENT, ABSENT);
            result.add(outcome, table, truncate);
            if (outcome == ChangeOutcome.APPLIED) {
                newestTruncate = truncate.position();
            }
        }
        if (newestTruncate != null) {
            // Applied before the keyed changes: positions make the order irrelevant to the final
            // state, and afterwards the floor rejects whatever the truncate wiped out.
            truncate(table, newestTruncate, appliedAt);
            floor = newestTruncate;
        }
        if (changes.byKey.isEmpty()) {
            return;
        }
        Map<RowKey, TablePlan.Held> held = lock(changes);
        Map<RowKey, SourcePosition> deletedAt = deleteMode == DeleteMode.HARD
                ? ledgers.lockDeleted(table, List.copyOf(changes.byKey.keySet())) : Map.of();

        Map<TablePlan, List<RowWrite>> upserts = new LinkedHashMap<>();
        Map<TablePlan, List<RowWrite>> keyOnly = new LinkedHashMap<>();
        Map<TablePlan, List<RowWrite>> deletes = new LinkedHashMap<>();
        for (Map.Entry<RowKey, List<ChangeBatch.Planned>> entry : changes.byKey.entrySet()) {
            RowKey key = entry.getKey();
            TablePlan.Held row = held.get(key);
            SourcePosition rowPosition = row == null ? null : SourcePosition.fromBytes(nonEmpty(row.position()));
            SourcePosition deletePosition = deletedAt.get(key);
            SourcePosition newest = max(floor, max(rowPosition, deletePosition));
            // the image at the newest position: the row's, or gone where the ledger's delete is newer
            Object current = deletePosition != null && (rowPosition == null || deletePosition.compareTo(rowPosition) > 0)
                    ? ABSENT : row == null || row.rowHash() == null ? null : row.rowHash();
            ChangeBatch.Planned winner = null;
            RowWrite winning = null;
            for (ChangeBatch.Planned planned : entry.getValue()) {
                RowWrite write = planned.write();
                Object image = deleteMode == DeleteMode.HARD && write.deleted() ? ABSENT : write.rowHash();
                ChangeOutcome outcome = outcome(planned.change().position(), newest, image, current);
                result.add(outcome, table, planned.change());
                if (outcome == ChangeOutcome.APPLIED) {
                    newest = planned.change().position();
                    current = image;
                    // column positions are the plan's: values carry over between changes of one schema only
                    winning = withCarriedValues(write, winner != null && winner.plan() == planned.plan() ? winning : null);
                    winner = planned;
                }
            }
            if (winner != null) {
                Map<TablePlan, List<RowWrite>> into = !winning.deleted() ? upserts
                        : deleteMode == DeleteMode.HARD ? deletes : winning.image() == null ? keyOnly : upserts;
                into.computeIfAbsent(winner.plan(), p -> new ArrayList<>()).add(winning);
            }
        }
        // Deletes first, then updates of stored rows, then new rows: a value of another unique key
        // that the batch frees is free before a row takes it.
        deletes.forEach((plan, writes) -> {
            Sql.update(jdbc, plan.deletes(writes, perStatement));
            ledgers.recordDeleted(table, writes, appliedAt);
        });
        Set<RowKey> stored = held.keySet();
        keyOnly.forEach((plan, writes) -> Sql.update(jdbc, plan.keyOnlyWrites(writes, stored, appliedAt, perStatement)));
        upserts.forEach((plan, writes) -> Sql.update(jdbc, plan.writes(writes, stored, appliedAt, perStatement)));
    }

    /**
     * {@code write} with the values its event did not carry taken from the key's change it
     * replaces in this batch, when that one has them: an insert and an update that left a
     * PostgreSQL TOAST value alone, compacted, or an insert and a delete without a (usable)
     * before-image, whose row keeps the inserted values. Whatever stays unavailable the target keeps.
     */
    private static RowWrite withCarriedValues(RowWrite write, RowWrite replaced) {
        if (replaced == null || replaced.image() == null || replaced.deleted()) {
            return write;
        }
        if (write.image() == null) {
            return new RowWrite(write.key(), replaced.image(), write.deleted(), write.position(),
                    write.sourceTimestamp(), write.rowHash());
        }
        if (!write.image().hasUnavailable()) {
            return write;
        }
        Object[] values = new Object[write.image().size()];
        for (int i = 0; i < values.length; i++) {
            Object value = write.image().get(i);
            values[i] = value == Row.UNAVAILABLE && i < replaced.image().size() ? replaced.image().get(i) : value;
        }
        return new RowWrite(write.key(), new Row(values), write.deleted(), write.position(), write.sourceTimestamp(),
                write.rowHash());
    }

    /** Locks the rows of the table's keys, with each key's first plan; returns what the target holds per key. */
    private Map<RowKey, TablePlan.Held> lock(TableChanges changes) {
        Map<TablePlan, List<RowKey>> byPlan = new LinkedHashMap<>();
        changes.byKey.forEach((key, planned) -> byPlan.computeIfAbsent(planned.get(0).plan(), p -> new ArrayList<>())
                .add(key));
        Map<RowKey, TablePlan.Held> held = new HashMap<>();
        byPlan.forEach((plan, keys) -> {
            keys.sort(KEY_ORDER);
            Sql.query(jdbc, plan.locks(keys, perStatement), rs -> {
                TablePlan.Held row = plan.held(rs);
                held.put(row.key(), row);
            });
        });
        return held;
    }

    /**
     * Newer than what is held: applied. Older: stale. Equal: the same transaction, whose changes
     * the partition delivers in order; the same image again is a re-sent change (duplicate), any
     * other image (or an unknown one) a later change of the transaction (applied).
     */
    private static ChangeOutcome outcome(SourcePosition position, SourcePosition held, Object image, Object heldImage) {
        int c = held == null ? 1 : position.compareTo(held);
        boolean same = heldImage != null && heldImage.equals(image);
        if (c > 0 || (c == 0 && !same)) {
            return ChangeOutcome.APPLIED;
        }
        return c == 0 ? ChangeOutcome.DUPLICATE : ChangeOutcome.STALE;
    }

    /** Every row older than the truncate is deleted (soft: flagged, at the truncate's position); it becomes the floor. */
    private void truncate(String table, SourcePosition position, LocalDateTime appliedAt) {
        byte[] p = position.toBytes();
        if (deleteMode == DeleteMode.HARD) {
            Sql.update(jdbc, dialect.rows().hardTruncate(table).render(List.of(p), 1, (b, v) -> v.add(b)));
        } else {
            Sql.update(jdbc, dialect.rows().softTruncate(table).render(List.of(p), 1,
                    (b, v) -> v.add(appliedAt).add(b).add(b)));
        }
        ledgers.raiseFloor(table, position, appliedAt);
    }

    /** A row the sink did not write has an empty position, which orders before every change. */
    private static byte[] nonEmpty(byte[] position) {
        return position == null || position.length == 0 ? null : position;
    }

    private static SourcePosition max(SourcePosition a, SourcePosition b) {
        if (a == null) {
            return b;
        }
        return b == null || a.compareTo(b) >= 0 ? a : b;
    }

    /** A fixed order of keys, so that every instance locks a table's rows in the same order. */
    private static final Comparator<RowKey> KEY_ORDER = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = compareValues(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    };

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static int compareValues(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.compareUnsigned(x, y);
        }
        if (a instanceof Comparable ca && a.getClass() == b.getClass()) {
            return ca.compareTo(b);
        }
        return a.toString().compareTo(b.toString());
    }
}
