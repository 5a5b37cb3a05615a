package dev.cdcsink.table;

import java.time.Instant;

import dev.cdcsink.change.Row;
import dev.cdcsink.change.RowChange;
import dev.cdcsink.change.RowKey;
import dev.cdcsink.change.SourcePosition;

/**
 * One row the sink writes: a key's winning change in a batch, as the image the target row gets.
 *
 * @param key             the row's key
 * @param image           the values it gets (the after-image, or for a soft delete the before-image); null for a
 *                        soft delete without a before-image, which keeps the row's values
 * @param deleted         whether the row is deleted from now on
 * @param position        the change's source position
 * @param sourceTimestamp when the source committed the change; null when unknown
 * @param rowHash         {@link #hashOf} the image and deletion
 */
public record RowWrite(RowKey key, Row image, boolean deleted, SourcePosition position, Instant sourceTimestamp,
        long rowHash) {

    /**
     * The row a change leaves: its after-image, or for a delete the before-image (if any) flagged
     * deleted. A PostgreSQL delete's before-image is not used: under {@code REPLICA IDENTITY
     * DEFAULT} it holds the key and, for every other NOT NULL column, the type's empty value
     * ({@code ''}, {@code 0}), which nothing tells from a real one; the deleted row keeps the values
     * the target holds, which under {@code FULL} are the same.
     */
    public static RowWrite of(RowChange change) {
        boolean deleted = change.after() == null;
        Row image = !deleted ? change.after() : change.position().kind() == SourcePosition.WAL ? null : change.before();
        return new RowWrite(change.key(), image, deleted, change.position(), change.sourceTimestamp(),
                hashOf(image, deleted));
    }

    /** The same row at another position (its epoch set). */
    public RowWrite at(SourcePosition newPosition) {
        return new RowWrite(key, image, deleted, newPosition, sourceTimestamp, rowHash);
    }

    /** The hash stored with a row, which tells a re-sent change (same hash) from a later one at the same position. */
    public static long hashOf(Row image, boolean deleted) {
        return CanonicalValues.rowHash(image, deleted);
    }

    /** The SHA-256 of a key, as the hard-delete ledger keys it. */
    public static byte[] keyHash(RowKey key) {
        return CanonicalValues.keyHash(key);
    }
}
