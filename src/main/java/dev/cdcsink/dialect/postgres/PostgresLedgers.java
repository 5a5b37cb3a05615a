package dev.cdcsink.dialect.postgres;

import java.util.List;

import dev.cdcsink.dialect.LedgerStatements;
import dev.cdcsink.dialect.RowsStatement;

/** The sink's own tables in PostgreSQL (created by {@code db/target/postgresql}'s migrations). */
final class PostgresLedgers implements LedgerStatements {

    private static final String OFFSET_ROWS = "SELECT topic, kafka_partition, next_offset FROM sink_offset "
            + "WHERE (topic, kafka_partition) IN (";
    private static final String OFFSET_AND_SOURCE_ROWS = "SELECT topic, kafka_partition, next_offset, source_offset, "
            + "source_server, source_position, source_ts_ms FROM sink_offset WHERE (topic, kafka_partition) IN (";
    private static final String OFFSET_COLUMNS = "INSERT INTO sink_offset (topic, kafka_partition, next_offset, "
            + "updated_at) VALUES ";

    private final RowsStatement lockOffsets = RowsStatement.tuples(OFFSET_AND_SOURCE_ROWS, 2, ") FOR UPDATE",
            PostgresValues::new);
    private final RowsStatement readOffsets = RowsStatement.tuples(OFFSET_ROWS, 2, ")", PostgresValues::new);
    private final RowsStatement insertOffsets = RowsStatement.tuples(OFFSET_COLUMNS, 4, " ON CONFLICT DO NOTHING",
            PostgresValues::new);
    private final RowsStatement setOffsets = RowsStatement.tuples(OFFSET_COLUMNS, 4,
            " ON CONFLICT (topic, kafka_partition) DO UPDATE SET next_offset = EXCLUDED.next_offset, "
                    + "updated_at = EXCLUDED.updated_at",
            PostgresValues::new);
    private final RowsStatement advanceOffsets = RowsStatement.tuples("INSERT INTO sink_offset (topic, kafka_partition, "
            + "next_offset, updated_at, source_offset, source_server, source_position, source_ts_ms) VALUES ", 8,
            " ON CONFLICT (topic, kafka_partition) DO UPDATE SET next_offset = EXCLUDED.next_offset, "
                    + "updated_at = EXCLUDED.updated_at, source_offset = EXCLUDED.source_offset, "
                    + "source_server = EXCLUDED.source_server, source_position = EXCLUDED.source_position, "
                    + "source_ts_ms = EXCLUDED.source_ts_ms",
            PostgresValues::new);
    private final RowsStatement sourceEpochs = RowsStatement.list("SELECT topic, kafka_partition, from_offset, epoch, "
            + "source_server FROM sink_source_epoch WHERE topic IN (", ") ORDER BY topic, kafka_partition, from_offset",
            PostgresValues::new);
    private final RowsStatement recordSourceEpoch = RowsStatement.tuples("INSERT INTO sink_source_epoch "
            + "(topic, kafka_partition, from_offset, epoch, source_server, first_position, previous_server, "
            + "previous_position, detected_at) "
            + "VALUES ", 9, " ON CONFLICT DO NOTHING", PostgresValues::new);
    /** A shared lock: batches of other partitions read the floor at the same time, and a truncate waits for them. */
    private final RowsStatement truncateFloors = RowsStatement.list("SELECT table_name, source_position FROM "
            + "sink_truncate WHERE table_name IN (", ") FOR SHARE", PostgresValues::new);
    private final RowsStatement raiseTruncateFloor;
    private final RowsStatement lockDeletedKeys = RowsStatement.tuples("SELECT key_hash, source_position FROM "
            + "sink_deleted_key WHERE (table_name, key_hash) IN (", 2, ") FOR UPDATE", PostgresValues::new);
    private final RowsStatement recordDeletedKeys;
    private final RowsStatement deadLetterRecorded = RowsStatement.tuples("SELECT 1 FROM sink_dead_letter WHERE "
            + "(topic, kafka_partition, kafka_offset) IN (", 3, ")", PostgresValues::new);
    private final RowsStatement recordDeadLetter = RowsStatement.tuples("INSERT INTO sink_dead_letter (topic, "
            + "kafka_partition, kafka_offset, dead_letter_topic, dead_letter_partition, dead_letter_offset, reason, "
            + "dead_lettered_at) VALUES ", 8, " ON CONFLICT DO NOTHING", PostgresValues::new);
    private final RowsStatement recordSchemaChange = RowsStatement.tuples("INSERT INTO sink_schema_change (table_name, "
            + "source_table, kind, column_name, statement, reason, changed_at) VALUES ", 7, "", PostgresValues::new);
    private final RowsStatement schemaChanges = RowsStatement.list("SELECT table_name, source_table, kind, column_name, "
            + "statement, reason, changed_at FROM sink_schema_change WHERE table_name IN (", ") ORDER BY id",
            PostgresValues::new);

    PostgresLedgers(PostgresRows rows) {
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
