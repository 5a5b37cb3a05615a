package dev.cdcsink.apply;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.cdcsink.change.RowKey;
import dev.cdcsink.change.SourcePosition;
import dev.cdcsink.dialect.LedgerStatements;
import dev.cdcsink.dialect.Sql;
import dev.cdcsink.dialect.SqlDialect;
import dev.cdcsink.table.RowWrite;

/**
 * The two position ledgers, per target table: {@code sink_truncate} (the newest truncate, a
 * floor no older change gets under) and {@code sink_deleted_key} (in hard-delete mode, each
 * deleted key's delete position, so an older insert cannot bring the row back). Keys are stored
 * as the SHA-256 of their values, whatever their types and width, with the key's text beside it.
 */
final class PositionLedgers {

    private static final int MAX_KEY_TEXT = 1000;

    private final JdbcTemplate jdbc;
    private final LedgerStatements sql;
    private final int perStatement;

    PositionLedgers(JdbcTemplate jdbc, SqlDialect dialect, int perStatement) {
        this.jdbc = jdbc;
        this.sql = dialect.ledgers();
        this.perStatement = perStatement;
    }

    /** The truncate floors of these tables, under a shared lock: a truncate waits for the batches reading it. */
    Map<String, SourcePosition> floors(Collection<String> tables) {
        Map<String, SourcePosition> floors = new HashMap<>();
        Sql.query(jdbc, sql.truncateFloors().render(List.copyOf(tables), perStatement, (t, v) -> v.add(t)),
                rs -> floors.put(rs.getString(1), SourcePosition.fromBytes(rs.getBytes(2))));
        return floors;
    }

    void raiseFloor(String table, SourcePosition position, LocalDateTime at) {
        Sql.update(jdbc, sql.raiseTruncateFloor().render(List.of(position), 1,
                (p, v) -> v.add(table).add(p.toBytes()).add(at)));
    }

    /** Locks the keys' hard-delete records and returns, per key, the position of its delete. */
    Map<RowKey, SourcePosition> lockDeleted(String table, List<RowKey> keys) {
        Map<HashKey, RowKey> byHash = new HashMap<>();
        keys.forEach(k -> byHash.put(new HashKey(RowWrite.keyHash(k)), k));
        Map<RowKey, SourcePosition> deleted = new HashMap<>();
        Sql.query(jdbc, sql.lockDeletedKeys().render(new ArrayList<>(byHash.keySet()), perStatement,
                (h, v) -> v.add(table).add(h.bytes())), rs -> {
                    RowKey key = byHash.get(new HashKey(rs.getBytes(1)));
                    if (key != null) {
                        deleted.put(key, SourcePosition.fromBytes(rs.getBytes(2)));
                    }
                });
        return deleted;
    }

    /** Records each hard delete's position, unless a newer one is recorded. */
    void recordDeleted(String table, List<RowWrite> deletes, LocalDateTime at) {
        Sql.update(jdbc, sql.recordDeletedKeys().render(deletes, perStatement, (w, v) -> {
            String text = w.key().toString();
            v.add(table).add(RowWrite.keyHash(w.key()))
                    .add(text.length() > MAX_KEY_TEXT ? text.substring(0, MAX_KEY_TEXT - 1) + "…" : text)
                    .add(at).add(w.position().toBytes());
        }));
    }

    /** A key hash usable as a map key. */
    private record HashKey(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof HashKey other && Arrays.equals(bytes, other.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }
}
