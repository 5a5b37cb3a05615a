package dev.cdcsink.apply;

/** How a source delete shows up in the target. */
public enum DeleteMode {
    /** The row stays, flagged {@code deleted = TRUE}, holding its last values and the delete's position. */
    SOFT,
    /** The row is removed; the delete's position is kept in {@code sink_deleted_key}. */
    HARD
}
