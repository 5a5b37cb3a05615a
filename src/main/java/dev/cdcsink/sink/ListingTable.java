package dev.cdcsink.sink;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
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
    private final String upsert;
    private final String ledgerUpsert;
    private final String truncateUpsert;

    ListingTable(JdbcTemplate jdbc, SqlDialect dialect, SinkProperties properties) {
        this.jdbc = jdbc;
        this.dialect = dialect;
        this.chunkSize = properties.chunkSize();
        this.upsert = dialect.guardedUpsert(TABLE, COLUMNS, "id", "source_position");
        this.ledgerUpsert = dialect.guardedUpsert("sink_deleted_key", LEDGER_COLUMNS, "id", "source_position");
        this.truncateUpsert = dialect.guardedUpsert("sink_truncate", TRUNCATE_COLUMNS, "table_name", "source_position");
    }

    /** The position of the newest truncate applied to the table, or null. */
    SourcePosition truncateFloor() {
        return jdbc.query("SELECT source_position FROM sink_truncate WHERE table_name = ? FOR UPDATE",
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
        List<Long> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += chunkSize) {
            List<Long> chunk = all.subList(from, Math.min(all.size(), from + chunkSize));
            jdbc.query(dialect.selectForUpdate(table, POSITION_READ, "id", chunk.size()), rs -> {
                SourcePosition p = SourcePosition.fromBytes(rs.getBytes(2));
                into.merge(rs.getLong(1), p, (a, b) -> a.compareTo(b) >= 0 ? a : b);
            }, chunk.toArray());
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
        batch(upsert, changes, (ps, c) -> {
            boolean deleted = c.after() == null;
            Listing row = deleted ? c.before() : c.after();
            int i = 1;
            ps.setLong(i++, c.id());
            setNullableLong(ps, i++, row == null ? null : row.sellerId());
            ps.setString(i++, row == null ? null : row.title());
            ps.setString(i++, row == null ? null : row.category());
            ps.setString(i++, row == null ? null : row.city());
            ps.setBigDecimal(i++, row == null ? null : row.price());
            ps.setString(i++, row == null ? null : row.currency());
            ps.setString(i++, row == null ? null : row.status());
            ps.setObject(i++, row == null ? null : row.createdAt(), Types.TIMESTAMP);
            ps.setObject(i++, row == null ? null : row.updatedAt(), Types.TIMESTAMP);
            ps.setBoolean(i++, deleted);
            ps.setObject(i++, utc(c.sourceTimestamp()), Types.TIMESTAMP);
            ps.setObject(i++, appliedAt, Types.TIMESTAMP);
            ps.setBytes(i, c.position().toBytes());
        });
    }

    /** Hard delete: removes the rows (unless a newer change is stored) and records each delete's position. */
    void delete(List<ListingChange> deletes, LocalDateTime appliedAt) {
        batch("DELETE FROM listings WHERE id = ? AND source_position < ?", deletes, (ps, c) -> {
            ps.setLong(1, c.id());
            ps.setBytes(2, c.position().toBytes());
        });
        batch(ledgerUpsert, deletes, (ps, c) -> {
            ps.setLong(1, c.id());
            ps.setBytes(2, c.position().toBytes());
            ps.setObject(3, appliedAt, Types.TIMESTAMP);
        });
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
        jdbc.update(truncateUpsert, TABLE, p, appliedAt);
    }

    private interface Binder {
        void bind(PreparedStatement ps, ListingChange change) throws SQLException;
    }

    private void batch(String sql, List<ListingChange> changes, Binder binder) {
        for (int from = 0; from < changes.size(); from += chunkSize) {
            List<ListingChange> chunk = changes.subList(from, Math.min(changes.size(), from + chunkSize));
            jdbc.batchUpdate(sql, chunk, chunk.size(), binder::bind);
        }
    }

    private static void setNullableLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }

    private static LocalDateTime utc(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
