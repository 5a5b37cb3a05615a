package dev.cdcsink.dialect;

/**
 * A dialect's statements on the sink's own tables ({@code sink_offset}, {@code sink_truncate},
 * {@code sink_deleted_key}, {@code sink_dead_letter}, {@code sink_schema_change},
 * {@code sink_source_epoch}); each row's values in the
 * order given.
 */
public interface LedgerStatements {

    /**
     * Locks the partitions' rows (topic, partition) and selects {@code topic, kafka_partition, next_offset,
     * source_offset, source_server, source_position, source_ts_ms}: the next offset and the source state
     * in one round trip.
     */
    RowsStatement lockOffsets();

    /** Selects {@code topic, kafka_partition, next_offset} of (topic, partition), without locking. */
    RowsStatement readOffsets();

    /** Creates rows (topic, partition, next offset, updated at) that do not exist yet; keeps those that do. */
    RowsStatement insertOffsets();

    /** Sets (topic, partition, next offset, updated at), creating rows that do not exist; keeps the source columns. */
    RowsStatement setOffsets();

    /**
     * Sets (topic, partition, next offset, updated at, source offset, source server, source position, source
     * commit time in epoch milliseconds or null) of partitions locked by {@link #lockOffsets}: a batch's
     * offsets and source states in one round trip.
     */
    RowsStatement advanceOffsets();

    /** Selects {@code topic, kafka_partition, from_offset, epoch, source_server} of the topics' source epochs. */
    RowsStatement sourceEpochs();

    /**
     * Records (topic, partition, from offset, epoch, source server, first position, previous server, previous
     * position, detected at).
     */
    RowsStatement recordSourceEpoch();

    /** Selects {@code table_name, source_position} of the tables' truncate floors, under a shared lock. */
    RowsStatement truncateFloors();

    /** Raises (table, position, truncated at) unless a newer truncate is stored. */
    RowsStatement raiseTruncateFloor();

    /** Locks and selects {@code key_hash, source_position} of (table, key hash) in the hard-delete ledger. */
    RowsStatement lockDeletedKeys();

    /** Records (table, key hash, key text, deleted at, position) in the hard-delete ledger unless a newer one is there. */
    RowsStatement recordDeletedKeys();

    /** Selects 1 for (topic, partition, offset) if its dead letter is recorded. */
    RowsStatement deadLetterRecorded();

    /**
     * Records (topic, partition, offset, dead-letter topic, partition, offset, reason, dead-lettered at);
     * a second record of the same origin keeps the first.
     */
    RowsStatement recordDeadLetter();

    /** Records (table, source table, kind, column or null, statement or null, reason, changed at). */
    RowsStatement recordSchemaChange();

    /**
     * Selects {@code table_name, source_table, kind, column_name, statement, reason, changed_at} of the
     * given tables' schema changes, oldest first.
     */
    RowsStatement schemaChanges();
}
