package dev.cdcsink.reconcile;

import java.time.Instant;
import java.util.List;

/**
 * Source and target compared by key range: row counts and checksums of every column the copy
 * holds. Rows soft-deleted in the target count as absent.
 */
public record ReconcileReport(boolean equal, Instant checkedAt, long sourceRows, long targetRows, long rangeSize,
        int rangesCompared, List<Range> differingRanges) {

    /** Ids from {@code fromId} (inclusive) to {@code toId} (exclusive) differ; {@code examples} name some keys. */
    public record Range(long fromId, long toId, long sourceRows, long targetRows, List<Example> examples) {
    }

    public record Example(long id, Difference difference) {
    }

    public enum Difference {
        /** In the source, not in the target. */
        MISSING_IN_TARGET,
        /** In the target, not in the source. */
        EXTRA_IN_TARGET,
        /** In both, with different values. */
        DIFFERENT
    }
}
