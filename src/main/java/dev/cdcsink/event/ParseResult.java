package dev.cdcsink.event;

import dev.cdcsink.change.KafkaCoordinates;
import dev.cdcsink.change.RowChange;
import dev.cdcsink.event.decode.FailureKind;

/** What a Kafka record turned out to be: a change, a tombstone or another record to skip, or a failure to dead-letter. */
public sealed interface ParseResult {

    KafkaCoordinates coordinates();

    record Change(RowChange change) implements ParseResult {
        @Override
        public KafkaCoordinates coordinates() {
            return change.coordinates();
        }
    }

    /** A record with a null value: Debezium's compaction marker after a delete; carries nothing to apply. */
    record Tombstone(KafkaCoordinates coordinates) implements ParseResult {
    }

    /**
     * A record of the connector that is no row change, skipped: a heartbeat ({@code kind}
     * {@code heartbeat}), or a message a source transaction wrote to the log
     * ({@code pg_logical_emit_message}, op {@code m}; kind {@code message}).
     */
    record Ignored(KafkaCoordinates coordinates, String kind) implements ParseResult {
    }

    /** A record that can never be applied, with the reason: the kind and a message naming the field. */
    record Failure(KafkaCoordinates coordinates, FailureKind kind, String message) implements ParseResult {

        /** {@code KIND: message}, as the dead letter carries it. */
        public String reason() {
            return kind + ": " + message;
        }
    }
}
