package dev.cdcsink.sink;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

import dev.cdcsink.event.KafkaCoordinates;
import dev.cdcsink.event.ListingChange;

/**
 * The changes of one target transaction, in the order they were read, and the next offset to consume
 * per partition. Records that carry nothing to apply (tombstones, dead-lettered records) still
 * move their partition's offset, so they are counted in {@link #nextOffsets()} but not in
 * {@link #changes()}.
 */
public record ChangeBatch(List<ListingChange> changes, Map<TopicPartition, Long> nextOffsets) {

    public ChangeBatch {
        changes = List.copyOf(changes);
        nextOffsets = Map.copyOf(nextOffsets);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {

        private final List<ListingChange> changes = new ArrayList<>();
        private final Map<TopicPartition, Long> nextOffsets = new HashMap<>();

        private Builder() {
        }

        /** Adds a change to apply; its record counts as consumed. */
        public Builder add(ListingChange change) {
            changes.add(change);
            return consumed(change.coordinates());
        }

        /** Marks a record as consumed without a change to apply (tombstone, dead letter). */
        public Builder consumed(KafkaCoordinates coordinates) {
            nextOffsets.merge(new TopicPartition(coordinates.topic(), coordinates.partition()),
                    coordinates.offset() + 1, Math::max);
            return this;
        }

        public ChangeBatch build() {
            return new ChangeBatch(changes, nextOffsets);
        }
    }
}
