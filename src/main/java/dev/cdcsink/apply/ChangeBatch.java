package dev.cdcsink.apply;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

import dev.cdcsink.change.KafkaCoordinates;
import dev.cdcsink.change.RowChange;
import dev.cdcsink.change.SourcePosition;
import dev.cdcsink.table.RowWrite;
import dev.cdcsink.table.TablePlan;

/**
 * The changes of one target transaction, in the order they were read, each with where it goes,
 * and the next offset to consume per partition. Records that carry nothing to apply (tombstones,
 * dead-lettered records, changes of excluded tables) still move their partition's offset, so they
 * are counted in {@link #nextOffsets()} but not in {@link #changes()}.
 */
public record ChangeBatch(List<Planned> changes, Map<TopicPartition, Long> nextOffsets) {

    /**
     * A change and where it goes.
     *
     * @param table the target table
     * @param plan  the plan that writes it; null for a truncate, which needs none
     * @param write the row it leaves (its image hashed), made where the change is prepared so that the
     *              transaction does not wait for it; null for a truncate
     */
    public record Planned(RowChange change, String table, TablePlan plan, RowWrite write) {

        /** A row change to apply with its plan. */
        public static Planned of(RowChange change, TablePlan plan) {
            return new Planned(change, plan.table(), plan, RowWrite.of(change));
        }

        /** The same change at another position (its source epoch set). */
        public Planned at(SourcePosition position) {
            return new Planned(change.at(position), table, plan, write == null ? null : write.at(position));
        }

        /** A truncate of a target table. */
        public static Planned truncate(RowChange change, String table) {
            return new Planned(change, table, null, null);
        }
    }

    public ChangeBatch {
        changes = List.copyOf(changes);
        nextOffsets = Map.copyOf(nextOffsets);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {

        private final List<Planned> changes = new ArrayList<>();
        private final Map<TopicPartition, Long> nextOffsets = new HashMap<>();

        private Builder() {
        }

        /** Adds a row change to apply with its plan; its record counts as consumed. */
        public Builder add(RowChange change, TablePlan plan) {
            changes.add(Planned.of(change, plan));
            return consumed(change.coordinates());
        }

        /** Adds a truncate of a target table; its record counts as consumed. */
        public Builder truncate(RowChange change, String table) {
            changes.add(Planned.truncate(change, table));
            return consumed(change.coordinates());
        }

        public Builder add(Planned planned) {
            changes.add(planned);
            return consumed(planned.change().coordinates());
        }

        /** Marks a record as consumed without a change to apply (tombstone, dead letter, excluded table). */
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
