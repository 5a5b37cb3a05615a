package dev.cdcsink.event;

/** What a Kafka record turned out to be: a change, a tombstone to skip, or a failure to dead-letter. */
public sealed interface ParseResult {

    KafkaCoordinates coordinates();

    record Change(ListingChange change) implements ParseResult {
        @Override
        public KafkaCoordinates coordinates() {
            return change.coordinates();
        }
    }

    /** A record with a null value: Debezium's compaction marker after a delete; carries nothing to apply. */
    record Tombstone(KafkaCoordinates coordinates) implements ParseResult {
    }

    /** A record that can never be applied, with the reason. */
    record Failure(KafkaCoordinates coordinates, ParseFailure failure) implements ParseResult {
    }
}
