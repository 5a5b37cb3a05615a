package dev.cdcsink.reconcile;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.cdcsink.reconcile.ReconcileReport.Difference;
import dev.cdcsink.reconcile.ReconcileReport.Example;

/**
 * Names the keys that differ by walking both sides' rows of the differing buckets in key-hash order
 * at once, as a merge join: one row of each side in memory at a time, however large the buckets.
 */
final class KeyMerge {

    /** A row as compared: its key's hash (the sort order), bucket, row hash, and key values to show. */
    record KeyedRow(String keyHash, int bucket, long rowHash, Map<String, Object> key) {
    }

    /** The next row in key-hash order, null after the last. */
    interface Cursor {
        KeyedRow next() throws SQLException;
    }

    private KeyMerge() {
    }

    /** Per bucket, the first {@code perBucket} keys that differ, in key-hash order. */
    static Map<Integer, List<Example>> examples(Cursor source, Cursor target, int perBucket) throws SQLException {
        Map<Integer, List<Example>> examples = new TreeMap<>();
        KeyedRow s = source.next();
        KeyedRow t = target.next();
        while (s != null || t != null) {
            int order = s == null ? 1 : t == null ? -1 : s.keyHash().compareTo(t.keyHash());
            if (order < 0) {
                add(examples, s, Difference.MISSING_IN_TARGET, perBucket);
                s = source.next();
            } else if (order > 0) {
                add(examples, t, Difference.EXTRA_IN_TARGET, perBucket);
                t = target.next();
            } else {
                if (s.rowHash() != t.rowHash()) {
                    add(examples, s, Difference.DIFFERENT, perBucket);
                }
                s = source.next();
                t = target.next();
            }
        }
        return examples;
    }

    private static void add(Map<Integer, List<Example>> examples, KeyedRow row, Difference difference, int perBucket) {
        List<Example> bucket = examples.computeIfAbsent(row.bucket(), b -> new ArrayList<>());
        if (bucket.size() < perBucket) {
            bucket.add(new Example(row.key(), difference));
        }
    }
}
