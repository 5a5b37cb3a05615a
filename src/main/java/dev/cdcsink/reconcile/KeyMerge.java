package dev.cdcsink.reconcile;

import java.sql.SQLException;
import java.util.Map;

import dev.cdcsink.reconcile.ReconcileStatus.Difference;

/**
 * Names the keys that differ in a page by walking both sides' rows of it in key-hash order at
 * once, as a merge join: one row of each side in memory at a time, however many rows the target
 * holds there.
 */
final class KeyMerge {

    /** A row as compared: its key's hash (the sort order), row hash, and key values to show. */
    record KeyedRow(String keyHash, long rowHash, Map<String, Object> key) {
    }

    /** The next row in key-hash order, null after the last. */
    interface Cursor {
        KeyedRow next() throws SQLException;
    }

    private KeyMerge() {
    }

    /** Adds every key that differs, in key-hash order, to {@code found}. */
    static void differences(Cursor source, Cursor target, Differences found) throws SQLException {
        KeyedRow s = source.next();
        KeyedRow t = target.next();
        while (s != null || t != null) {
            int order = s == null ? 1 : t == null ? -1 : s.keyHash().compareTo(t.keyHash());
            if (order < 0) {
                found.add(s.key(), Difference.MISSING_IN_TARGET);
                s = source.next();
            } else if (order > 0) {
                found.add(t.key(), Difference.EXTRA_IN_TARGET);
                t = target.next();
            } else {
                if (s.rowHash() != t.rowHash()) {
                    found.add(s.key(), Difference.DIFFERENT);
                }
                s = source.next();
                t = target.next();
            }
        }
    }
}
