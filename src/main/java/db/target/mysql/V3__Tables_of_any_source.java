package db.target.mysql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import dev.cdcsink.change.RowKey;
import dev.cdcsink.table.RowWrite;

/**
 * From one table compiled into the sink to tables of any source:
 * <ul>
 * <li>source positions become the versioned encoding (a kind byte and an epoch in front: {@code 01 0000});</li>
 * <li>{@code sink_truncate} takes any table name;</li>
 * <li>{@code sink_deleted_key} is keyed by table and the SHA-256 of the key's values, whatever the
 *     key's columns (the deleted ids of {@code listings} are carried over);</li>
 * <li>{@code listings}, which V1 created by hand, becomes a table like any other: its bookkeeping
 *     columns move under the reserved prefix {@code _cdc_} and it gains the row hash. A deployment
 *     that never applied anything gets it dropped: the sink creates its tables from the events now.</li>
 * </ul>
 * A Java migration because the key hashes are computed by the sink's own code, and because what
 * happens to {@code listings} depends on what it holds.
 */
public class V3__Tables_of_any_source extends BaseJavaMigration {

    /** What the old 13-byte positions get in front: kind 1 (binlog), epoch 0. */
    private static final String VERSIONED = "CONCAT(X'010000', %s)";

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (Statement s = connection.createStatement()) {
            s.execute("ALTER TABLE sink_truncate MODIFY table_name VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin "
                    + "NOT NULL, MODIFY source_position VARBINARY(32) NOT NULL");
            s.execute("UPDATE sink_truncate SET source_position = " + VERSIONED.formatted("source_position")
                    + " WHERE LENGTH(source_position) = 13");

            s.execute("CREATE TABLE sink_deleted_key_by_table ("
                    + " table_name      VARCHAR(64)   CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,"
                    + " key_hash        BINARY(32)    NOT NULL,"
                    + " key_text        VARCHAR(1000) NOT NULL,"
                    + " deleted_at      DATETIME(6)   NOT NULL,"
                    + " source_position VARBINARY(32) NOT NULL,"
                    + " PRIMARY KEY (table_name, key_hash)"
                    + ") ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin");
            carryDeletedKeys(connection);
            s.execute("DROP TABLE sink_deleted_key");
            s.execute("RENAME TABLE sink_deleted_key_by_table TO sink_deleted_key");

            if (exists(connection, "listings")) {
                if (isEmpty(connection, "listings") && isEmpty(connection, "sink_offset")) {
                    s.execute("DROP TABLE listings");
                } else {
                    s.execute("ALTER TABLE listings"
                            + " CHANGE deleted _cdc_deleted BOOLEAN NOT NULL DEFAULT FALSE,"
                            + " CHANGE source_ts _cdc_source_ts DATETIME(3) NULL,"
                            + " CHANGE applied_at _cdc_applied_at DATETIME(6) NULL,"
                            + " ADD COLUMN _cdc_row_hash BIGINT NULL AFTER _cdc_applied_at,"
                            + " CHANGE source_position _cdc_position VARBINARY(32) NOT NULL DEFAULT ''");
                    s.execute("UPDATE listings SET _cdc_position = " + VERSIONED.formatted("_cdc_position")
                            + " WHERE LENGTH(_cdc_position) = 13");
                }
            }
        }
    }

    private static void carryDeletedKeys(Connection connection) throws SQLException {
        try (Statement read = connection.createStatement();
                ResultSet rs = read.executeQuery("SELECT id, source_position, deleted_at FROM sink_deleted_key");
                PreparedStatement write = connection.prepareStatement("INSERT INTO sink_deleted_key_by_table (table_name, "
                        + "key_hash, key_text, deleted_at, source_position) VALUES ('listings', ?, ?, ?, "
                        + VERSIONED.formatted("?") + ")")) {
            int pending = 0;
            while (rs.next()) {
                RowKey key = new RowKey(rs.getLong(1));
                write.setBytes(1, RowWrite.keyHash(key));
                write.setString(2, key.toString());
                write.setObject(3, rs.getObject(3));
                write.setBytes(4, rs.getBytes(2));
                write.addBatch();
                if (++pending == 1000) {
                    write.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                write.executeBatch();
            }
        }
    }

    private static boolean exists(Connection connection, String table) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT COUNT(*) FROM information_schema.TABLES "
                + "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?")) {
            s.setString(1, table);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    private static boolean isEmpty(Connection connection, String table) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT 1 FROM " + table + " LIMIT 1")) {
            return !rs.next();
        }
    }
}
