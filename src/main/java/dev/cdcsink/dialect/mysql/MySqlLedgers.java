package dev.cdcsink.dialect.mysql;

import java.util.List;

import dev.cdcsink.dialect.LedgerStatements;
import dev.cdcsink.dialect.RowsStatement;

/** The sink's own tables in MySQL and MariaDB (created by {@code db/target/mysql}'s migrations). */
final class MySqlLedgers implements LedgerStatements {

    private static final String OFFSET_ROWS = "SELECT topic, kafka_partition, next_offset FROM sink_offset "
            + "WHERE (topic, kafka_partition) IN (";
    private static final String OFFSET_AND_SOURCE_ROWS = "SELECT topic, kafka_partition, next_offset, source_offset, "
            + "source_server, source_position, source_ts_ms FROM sink_offset WHERE (topic, kafka_partition) IN (";
    private static final String OFFSET_COLUMNS = "INTO sink_offset (topic, kafka_partition, next_offset, updated_at) VALUES ";

    private final RowsStatement lockOffsets = RowsStatement.tuples(OFFSET_AND_SOURCE_ROWS, 2, ") FOR UPDATE",
            MySqlValues::new);
    private final RowsStatement readOffsets = RowsStatement.tuples(OFFSET_ROWS, 2, ")", MySqlValues::new);
    private final RowsStatement insertOffsets = RowsStatement.tuples("INSERT IGNORE " + OFFSET_COLUMNS, 4, "",
            MySqlValues::new);
    private final RowsStatement setOffsets = RowsStatement.tuples("INSERT " + OFFSET_COLUMNS, 4,
            " ON DUPLICATE KEY UPDATE next_offset = VALUES(next_offset), updated_at = VALUES(updated_at)",
            MySqlValues::new);
    private final RowsStatement advanceOffsets = RowsStatement.tuples("INSERT INTO sink_offset (topic, kafka_partition, "
            + "next_offset, updated_at, source_offset, source_server, source_position, source_ts_ms) VALUES ", 8,
            " ON DUPLICATE KEY UPDATE next_offset = VALUES(next_offset), updated_at = VALUES(updated_at), "
                    + "source_offset = VALUES(source_offset), source_server = VALUES(source_server), "
                    + "source_position = VALUES(source_position), source_ts_ms = VALUES(source_ts_ms)",
            MySqlValues::new);
    private final RowsStatement sourceEpochs = RowsStatement.list("SELECT topic, kafka_partition, from_offset, epoch, "
            + "source_server FROM sink_source_epoch WHERE topic IN (", ") ORDER BY topic, kafka_partition, from_offset",
            MySqlValues::new);
    private final RowsStatement recordSourceEpoch = RowsStatement.tuples("INSERT IGNORE INTO sink_source_epoch "
            + "(topic, kafka_partition, from_offset, epoch, source_server, first_position, previous_server, "
            + "previous_position, detected_at) "
            + "VALUES ", 9, "", MySqlValues::new);
    /** A shared lock: batches of other partitions read the floor at the same time, and a truncate waits for them. */
    private final RowsStatement truncateFloors = RowsStatement.list("SELECT table_name, source_position FROM "
            + "sink_truncate WHERE table_name IN (", ") LOCK IN SHARE MODE", MySqlValues::new);
    private final RowsStatement raiseTruncateFloor;
    private final RowsStatement lockDeletedKeys = RowsStatement.tuples("SELECT key_hash, source_position FROM "
            + "sink_deleted_key WHERE (table_name, key_hash) IN (", 2, ") FOR UPDATE", MySqlValues::new);
    private final RowsStatement recordDeletedKeys;
    private final RowsStatement deadLetterRecorded = RowsStatement.tuples("SELECT 1 FROM sink_dead_letter WHERE "
            + "(topic, kafka_partition, kafka_offset) IN (", 3, ")", MySqlValues::new);
    private final RowsStatement recordDeadLetter = RowsStatement.tuples("INSERT IGNORE INTO sink_dead_letter (topic, "
            + "kafka_partition, kafka_offset, dead_letter_topic, dead_letter_partition, dead_letter_offset, reason, "
            + "dead_lettered_at) VALUES ", 8, "", MySqlValues::new);

    private final RowsStatement recordSchemaChange = RowsStatement.tuples("INSERT INTO sink_schema_change (table_name, "
            + "source_table, kind, column_name, statement, reason, changed_at) VALUES ", 7, "", MySqlValues::new);
    private final RowsStatement schemaChanges = RowsStatement.list("SELECT table_name, source_table, kind, column_name, "
            + "statement, reason, changed_at FROM sink_schema_change WHERE table_name IN (", ") ORDER BY id",
            MySqlValues::new);

    MySqlLedgers(MySqlRows rows) {
        this.raiseTruncateFloor = rows.upsert("sink_truncate", List.of("table_name", "source_position", "truncated_at"),
                List.of("table_name"), "source_position");
        this.recordDeletedKeys = rows.upsert("sink_deleted_key",
                List.of("table_name", "key_hash", "key_text", "deleted_at", "source_position"),
                List.of("table_name", "key_hash"), "source_position");
    }

    @Override
    public RowsStatement lockOffsets() {
        return lockOffsets;
    }

    @Override
    public RowsStatement readOffsets() {
        return readOffsets;
    }

    @Override
    public RowsStatement insertOffsets() {
        return insertOffsets;
    }

    @Override
    public RowsStatement setOffsets() {
        return setOffsets;
    }

    @Override
    public RowsStatement advanceOffsets() {
        return advanceOffsets;
    }

    @Override
    public RowsStatement sourceEpochs() {
        return sourceEpochs;
    }

    @Override
    public RowsStatement recordSourceEpoch() {
        return recordSourceEpoch;
    }

    @Override
    public RowsStatement truncateFloors() {
        return truncateFloors;
    }

    @Override
    public RowsStatement raiseTruncateFloor() {
        return raiseTruncateFloor;
    }

    @Override
    public RowsStatement lockDeletedKeys() {
        return lockDeletedKeys;
    }

    @Override
    public RowsStatement recordDeletedKeys() {
        return recordDeletedKeys;
    }

    @Override
    public RowsStatement deadLetterRecorded() {
        return deadLetterRecorded;
    }

    @Override
    public RowsStatement recordDeadLetter() {
        return recordDeadLetter;
    }

    @Override
    public RowsStatement recordSchemaChange() {
        return recordSchemaChange;
    }

    @Override
    public RowsStatement schemaChanges() {
        return schemaChanges;
    }
}
