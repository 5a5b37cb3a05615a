package dev.cdcsink.event;

import dev.cdcsink.event.decode.DecodedRow;
import java.time.Instant;

/**
 * A change event of any table, decoded but not yet mapped to a domain type.
 *
 * @param op              the change
 * @param key             the record key's fields; null when the record has no key
 * @param before          the row before the change; null when the event has none
 * @param after           the row after the change; null for deletes and truncates
 * @param position        where the change sits in the source binlog
 * @param sourceTimestamp when the source committed it; null when the event does not say
 */
public record DecodedChange(
        Op op,
        DecodedRow key,
        DecodedRow before,
        DecodedRow after,
        SourcePosition position,
        Instant sourceTimestamp) {
}
