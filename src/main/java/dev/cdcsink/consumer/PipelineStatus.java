package dev.cdcsink.consumer;

import java.time.Instant;
import java.util.List;

/** What {@code GET /api/pipeline} reports. */
public record PipelineStatus(PipelineState.Status state, Instant since, String lastFailure, Replay replay,
        List<Partition> partitions) {

    /**
     * One partition: the next offset the target stored, the log end, the lag between them, and the
     * newest change this instance applied from it (null before the first).
     */
    public record Partition(String topic, int partition, Long nextOffset, long logEndOffset, long lag,
            boolean assignedHere, Instant lastSourceTimestamp, String lastSourcePosition) {
    }

    /** A replay in progress: started when, per partition from which offset to which, and how far. */
    public record Replay(Instant startedAt, double percentDone, List<Range> ranges) {
    }

    public record Range(String topic, int partition, long from, long to, long reached) {
    }
}
