package dev.cdcsink.consumer;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.common.TopicPartition;
import org.springframework.stereotype.Component;

import dev.cdcsink.apply.ChangeBatch;
import dev.cdcsink.change.RowChange;
import dev.cdcsink.change.SourcePosition;

/** Per partition, the newest change this instance applied: what the status API shows operators. */
@Component
public class AppliedProgress {

    /** The last applied change of a partition: its source commit time and position, and when it was applied. */
    public record Mark(Instant sourceTimestamp, SourcePosition position, Instant appliedAt) {
    }

    private final Map<TopicPartition, Mark> marks = new ConcurrentHashMap<>();
    private final PipelineState state;
    private final Clock clock;

    public AppliedProgress(PipelineState state, Clock clock) {
        this.state = state;
        this.clock = clock;
    }

    void applied(ChangeBatch batch) {
        Instant now = clock.instant();
        for (ChangeBatch.Planned planned : batch.changes()) {
            RowChange change = planned.change();
            marks.put(new TopicPartition(change.coordinates().topic(), change.coordinates().partition()),
                    new Mark(change.sourceTimestamp(), change.position(), now));
        }
        state.advanced(batch.nextOffsets());
    }

    public Map<TopicPartition, Mark> marks() {
        return Map.copyOf(marks);
    }
}
