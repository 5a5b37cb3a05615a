package dev.cdcsink.apply;

/** What became of one change offered to the sink. */
public enum ChangeOutcome {
    /** Newer than what the target held: written (or superseded by a newer change of the same batch). */
    APPLIED,
    /** Already applied: its Kafka offset is below the stored next offset, or the same change is stored at its position. */
    DUPLICATE,
    /** Older than what the target holds for its key (or than a truncate): skipped, never overwrites. */
    STALE
}
