package dev.cdcsink.reconcile;

import java.util.ArrayList;
import java.util.List;

/** One side's buckets of one table: rows and the XOR of their row hashes per bucket; a few bytes per bucket. */
final class BucketSums {

    /** Most buckets per table: bounds the memory the sums take (16 bytes each, per side) and the grouped result. */
    static final int MAX_BUCKETS = 100_000;

    private final long[] rows;
    private final long[] hashes;

    BucketSums(int buckets) {
        this.rows = new long[buckets];
        this.hashes = new long[buckets];
    }

    /**
     * About {@code bucketSize} rows per bucket for the larger side, at least one bucket and at most
     * {@link #MAX_BUCKETS}. Both sides must use the same count: a key's bucket depends on it.
     */
    static int count(long rows, long bucketSize) {
        long buckets = (rows + bucketSize - 1) / bucketSize;
        return (int) Math.max(1, Math.min(MAX_BUCKETS, buckets));
    }

    int buckets() {
        return rows.length;
    }

    void add(int bucket, long count, long xor) {
        rows[bucket] += count;
        hashes[bucket] ^= xor;
    }

    long rows(int bucket) {
        return rows[bucket];
    }

    long totalRows() {
        long total = 0;
        for (long r : rows) {
            total += r;
        }
        return total;
    }

    /** The buckets, in order, whose row count or hash differs from the other side's. */
    List<Integer> differing(BucketSums other) {
        if (other.buckets() != buckets()) {
            throw new IllegalArgumentException("both sides must have the same buckets: " + buckets() + " and "
                    + other.buckets());
        }
        List<Integer> differing = new ArrayList<>();
        for (int b = 0; b < rows.length; b++) {
            if (rows[b] != other.rows[b] || hashes[b] != other.hashes[b]) {
                differing.add(b);
            }
        }
        return differing;
    }
}
