package dev.cdcsink.reconcile;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Source tables compared with their copies, bucket by bucket: row counts and checksums of every
 * source column. Rows soft-deleted in the target count as absent.
 *
 * @param equal       whether every compared table is equal; tables in {@code notCompared} do not count
 * @param bucketSize  about how many rows a bucket holds
 * @param tables      the compared tables, by source table name
 * @param notCompared source tables the sink would copy that could not be compared, and why
 */
public record ReconcileReport(boolean equal, Instant checkedAt, long bucketSize, List<Table> tables,
        List<NotCompared> notCompared) {

    /**
     * One source table and its copy.
     *
     * @param sourceTable            {@code db.table}
     * @param targetTable            the copy's name in the target
     * @param columnsMissingInTarget source columns the copy lacks: the table differs; the others are compared
     * @param bucketsCompared        buckets the keys were hashed into (empty ones included)
     * @param bucketsDiffering       buckets whose row count or checksum differs
     * @param differingBuckets       the first of those, with example keys
     */
    public record Table(String sourceTable, String targetTable, boolean equal, long sourceRows, long targetRows,
            List<String> columnsMissingInTarget, int bucketsCompared, int bucketsDiffering,
            List<Bucket> differingBuckets) {
    }

    /** A bucket that differs, with the first keys that differ in it (in key-hash order). */
    public record Bucket(int bucket, long sourceRows, long targetRows, List<Example> examples) {
    }

    /** A key that differs: its columns and values (the source's; the target's for an extra row). */
    public record Example(Map<String, Object> key, Difference difference) {
    }

    public record NotCompared(String sourceTable, String why) {
    }

    public enum Difference {
        /** In the source, not in the target (or soft-deleted there). */
        MISSING_IN_TARGET,
        /** In the target, not in the source. */
        EXTRA_IN_TARGET,
        /** In both, with different values. */
        DIFFERENT
    }
}
