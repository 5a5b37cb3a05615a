package dev.cdcsink.event;

import java.time.Instant;

/**
 * One Debezium change to the {@code listings} table, decoded.
 *
 * @param op              what happened
 * @param id              the primary key; null only for {@link Op#TRUNCATE}, which has no key
 * @param before          the row before the change (updates and deletes), else null
 * @param after           the row after the change (creates, updates, snapshot reads), else null
 * @param position        where the change sits in the source binlog; decides which change wins
 * @param sourceTimestamp when the source committed the change ({@code source.ts_ms})
 * @param coordinates     where the record was read in Kafka
 */
public record ListingChange(
        Op op,
        Long id,
        Listing before,
        Listing after,
        SourcePosition position,
        Instant sourceTimestamp,
        KafkaCoordinates coordinates) {
}
