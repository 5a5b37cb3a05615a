package dev.cdcsink.sink;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.StatementCallback;
import org.springframework.stereotype.Repository;

import dev.cdcsink.event.Listing;
import dev.cdcsink.event.ListingChange;
import dev.cdcsink.event.SourcePosition;

/**
 * The statements on the target's {@code listings} table and its two position ledgers
 * ({@code sink_deleted_key}, {@code sink_truncate}). Every write is guarded by source position
 * in SQL as well, so the table stays right even for a writer that skipped the checks in Java.
 */
@Repository
class ListingTable {

    static final String TABLE = "listings";
    private static final List<String> COLUMNS = List.of("id", "seller_id", "title", "category", "city", "price",
            "currency", "status", "created_at", "updated_at", "deleted", "source_ts", "applied_at", "source_position");
    private static final List<String> LEDGER_COLUMNS = List.of("id", "source_position", "deleted_at");
    private static final List<String> TRUNCATE_COLUMNS = List.of("table_name", "source_position", "truncated_at");
    private static final List<String> POSITION_READ = List.of("id", "source_position");

    private final JdbcTemplate jdbc;
    private final SqlDialect dialect;
    private final int chunkSize;
    private final RowsStatement upsert;
    private final RowsStatement ledgerUpsert;
    private final RowsStatement truncateUpsert;

    ListingTable(JdbcTemplate jdbc, SqlDialect dialect, SinkProperties properties) {
        this.jdbc = jdbc;
        this.dialect = dialect;
        this.chunkSize = properties.chunkSize();
        this.upsert = dialect.guardedUpsert(TABLE, COLUMNS, "id", "source_position");
        this.ledgerUpsert = dialect.guardedUpsert("sink_deleted_key", LEDGER_COLUMNS, "id", "source_position");
        this.truncateUpsert = dialect.guardedUpsert("sink_truncate", TRUNCATE_COLUMNS, "table_name", "source_position");
    }

    /**
     * The position of the newest truncate applied to the table, or null. A shared lock: batches of
     * other partitions read the floor at the same time, and a truncate waits for them to commit.
     */
    SourcePosition truncateFloor() {
        return jdbc.query("SELECT source_position FROM sink_truncate WHERE table_name = ? LOCK IN SHARE MODE",
                (rs, n) -> SourcePosition.fromBytes(rs.getBytes(1)), TABLE).stream().findFirst().orElse(null);
    }

    /**
     * Locks the rows of {@code ids} (and, with {@code includeDeleteLedger}, their hard-delete
     * records) and returns, per id, the newest position the target holds for it.
     */
    Map<Long, SourcePosition> lockPositions(Collection<Long> ids, boolean includeDeleteLedger) {
        Map<Long, SourcePosition> positions = new HashMap<>();
        readPositions(TABLE, ids, positions);
        if (includeDeleteLedger) {
            readPositions("sink_deleted_key", ids, positions);
        }
        return positions;
    }

    private void readPositions(String table, Collection<Long> ids, Map<Long, SourcePosition> into) {
        for (String sql : dialect.selectForUpdate(table, POSITION_READ, "id").render(List.copyOf(ids), chunkSize,
                (id, values) -> values.add(id.longValue()))) {
            jdbc.query(sql, rs -> {
                SourcePosition p = SourcePosition.fromBytes(rs.getBytes(2));
                into.merge(rs.getLong(1), p, (a, b) -> a.compareTo(b) >= 0 ? a : b);
            });
        }
    }

    /**
     * The current image of already locked rows; a key with no row reads as {@link RowImage#ABSENT}
     * in hard-delete mode (its delete is in the ledger) and is left out in soft mode.
     */
    Map<Long, RowImage> rowImages(List<Long> ids, DeleteMode mode) {
        Map<Long, RowImage> images = new HashMap<>();
        if (mode == DeleteMode.HARD) {
            ids.forEach(id -> images.put(id, RowImage.ABSENT));
        }
        for (int from = 0; from < ids.size(); from += chunkSize) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + chunkSize));
            jdbc.query("SELECT id, seller_id, title, category, city, price, currency, status, created_at, updated_at, "
                    + "deleted FROM listings WHERE id IN (" + "?, ".repeat(chunk.size() - 1) + "?)", rs -> {
                        long id = rs.getLong("id");
                        images.put(id, new RowImage(new Listing(id, rs.getObject("seller_id", Long.class),
                                rs.getString("title"), rs.getString("category"), rs.getString("city"),
                                rs.getBigDecimal("price"), rs.getString("currency"), rs.getString("status"),
                                rs.getObject("created_at", LocalDateTime.class),
                                rs.getObject("updated_at", LocalDateTime.class)), rs.getBoolean("deleted")));
                    }, chunk.toArray());
        }
        return images;
    }

    /** Writes the winning changes' row images: the after-image, or for a soft delete the before-image flagged deleted. */
    void upsert(List<ListingChange> changes, LocalDateTime appliedAt) {
        execute(upsert.render(changes, chunkSize, (c, values) -> {
            boolean deleted = c.after() == null;
            Listing image = deleted ? c.before() : c.after();
            // a delete without a before-image (the source does not log full rows) keeps only the key
            Listing row = image != null ? image : new Listing(c.id(), null, null, null, null, null, null, null, null, null);
            values.add(c.id()).add(row.sellerId()).add(row.title()).add(row.category()).add(row.city()).add(row.price())
                    .add(row.currency()).add(row.status()).add(row.createdAt()).add(row.updatedAt()).add(deleted).add(utc(c.sourceTimestamp())).add(appliedAt).add(c.position().toBytes());
        }));
    }

    /** Hard delete: removes the rows (unless a newer change is stored) and records each delete's position. */
    void delete(List<ListingChange> deletes, LocalDateTime appliedAt) {
        for (int from = 0; from < deletes.size(); from += chunkSize) {
            List<ListingChange> chunk = deletes.subList(from, Math.min(deletes.size(), from + chunkSize));
            jdbc.batchUpdate("DELETE FROM listings WHERE id = ? AND source_position < ?", chunk, chunk.size(), (ps, c) -> {
                ps.setLong(1, c.id());
                ps.setBytes(2, c.position().toBytes());
            });
        }
        execute(ledgerUpsert.render(deletes, chunkSize,
                (c, values) -> values.add(c.id()).add(c.position().toBytes()).add(appliedAt)));
    }

    /**
     * Truncate at {@code position}: every row older than it is deleted (soft: flagged and moved to
     * the truncate's position), and the position becomes the table's floor.
     */
    void truncate(SourcePosition position, DeleteMode mode, LocalDateTime appliedAt) {
        byte[] p = position.toBytes();
        if (mode == DeleteMode.HARD) {
            jdbc.update("DELETE FROM listings WHERE source_position < ?", (Object) p);
        } else {
            jdbc.update("UPDATE listings SET deleted = TRUE, applied_at = ?, source_position = ? WHERE source_position < ?",
                    appliedAt, p, p);
        }
        execute(truncateUpsert.render(List.of(position), 1, (t, values) -> values.add(TABLE).add(p).add(appliedAt)));
    }

    /** Without JDBC escape processing: the text is final, and a value may well contain a brace. */
    private void execute(List<String> statements) {
        for (String sql : statements) {
            jdbc.execute((StatementCallback<Integer>) statement -> {
                statement.setEscapeProcessing(false);
                return statement.executeUpdate(sql);
            });
        }
    }

    private static LocalDateTime utc(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
