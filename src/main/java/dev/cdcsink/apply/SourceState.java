package dev.cdcsink.apply;

import java.time.Instant;

import dev.cdcsink.change.SourcePosition;

/**
 * Where a partition's stream stood at the highest offset {@link SourceEpochs} inspected, and when
 * the source committed that change; kept in the partition's {@code sink_offset} row beside its next
 * offset, so both are locked, read and written by the same statements. Its position is compared and
 * stored without the epoch.
 */
record SourceState(long offset, String server, SourcePosition position, Instant sourceTimestamp) {
}
