package dev.cdcsink.change;

import java.time.Instant;

/**
 * One Debezium change to one row of any source table, decoded.
 *
 * @param table           the source table it happened to
 * @param schema          the columns of its row images, and which make the key
 * @param op              what happened
 * @param key             the primary key; null only for {@link Op#TRUNCATE}, which has none
 * @param before          the row before the change (updates and deletes, when the source logs it), else null
 * @param after           the row after the change (creates, updates, snapshot reads), else null
 * @param position        where the change sits in the source's log; decides which change wins
 * @param sourceTimestamp when the source committed the change ({@code source.ts_ms}); null when unknown
 * @param coordinates     where the record was read in Kafka
 * @param sourceServer    which source server wrote the change, as far as the event says ({@code source.server_id},
 *                        and the originating part of {@code source.gtid}); null when it does not
 */
public record RowChange(
        TableId table,
        EventSchema schema,
        Op op,
        RowKey key,
        Row before,
        Row after,
        SourcePosition position,
        Instant sourceTimestamp,
        KafkaCoordinates coordinates,
        String sourceServer) {

    /** A change whose event does not say which source server wrote it. */
    public RowChange(TableId table, EventSchema schema, Op op, RowKey key, Row before, Row after,
            SourcePosition position, Instant sourceTimestamp, KafkaCoordinates coordinates) {
        this(table, schema, op, key, before, after, position, sourceTimestamp, coordinates, null);
    }

    /** The same change at another position (its epoch set). */
    public RowChange at(SourcePosition newPosition) {
        return new RowChange(table, schema, op, key, before, after, newPosition, sourceTimestamp, coordinates,
                sourceServer);
    }
}
