package dev.cdcsink.event;

import java.time.Instant;

import dev.cdcsink.change.Op;
import dev.cdcsink.change.SourcePosition;
import dev.cdcsink.change.TableId;
import tools.jackson.databind.node.ObjectNode;

/**
 * A change event's envelope, read but with its rows not yet decoded.
 *
 * @param op              the change
 * @param before          the row before the change; null when the event has none
 * @param after           the row after the change; null for deletes and truncates
 * @param position        where the change sits in the source binlog
 * @param sourceTimestamp when the source committed it; null when the event does not say
 * @param table           the source table the event names ({@code source.db}, {@code source.table}); null when
 *                        it names none
 * @param sourceServer    which source server wrote the change ({@code source.server_id}, {@code source.gtid});
 *                        null when the event does not say
 */
record Envelope(Op op, ObjectNode before, ObjectNode after, SourcePosition position, Instant sourceTimestamp,
        TableId table, String sourceServer) {
}
