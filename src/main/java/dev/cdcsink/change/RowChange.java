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
        KafkaCoordinates coordinates) {
}
