package dev.cdcsink.reconcile;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Compares the source {@code listings} with the target copy without loading either: each side
 * computes, per key range, a row count and an XOR of per-row CRC32 checksums in one grouped
 * query (a plain consistent read, which takes no locks on InnoDB); only ranges that differ are
 * read row by row, and then only keys and checksums, to name example keys.
 */
public class Reconciler {

    /** The columns the copy must hold equal, rendered identically by MySQL and MariaDB. */
    private static final String ROW_CHECKSUM = "CRC32(CONCAT_WS('|', id, seller_id, title, category, city, price, "
            + "currency, status, created_at, updated_at))";
    private static final int MAX_RANGES_DETAILED = 20;
    private static final int MAX_EXAMPLES_PER_RANGE = 10;

    private final JdbcTemplate source;
    private final JdbcTemplate target;
    private final Clock clock;

    public Reconciler(DataSource source, DataSource target, Clock clock) {
        this.source = new JdbcTemplate(source);
        this.target = new JdbcTemplate(target);
        this.clock = clock;
    }

    public ReconcileReport reconcile(long rangeSize) {
        if (rangeSize < 1) {
            throw new IllegalArgumentException("range size must be at least 1, was " + rangeSize);
        }
        Map<Long, long[]> sourceRanges = ranges(source, "listings", "", rangeSize);
        Map<Long, long[]> targetRanges = ranges(target, "listings", "WHERE NOT _cdc_deleted", rangeSize);
        TreeSet<Long> all = new TreeSet<>(sourceRanges.keySet());
        all.addAll(targetRanges.keySet());
        long sourceRows = 0;
        long targetRows = 0;
        List<ReconcileReport.Range> differing = new ArrayList<>();
        for (long range : all) {
            long[] s = sourceRanges.getOrDefault(range, new long[2]);
            long[] t = targetRanges.getOrDefault(range, new long[2]);
            sourceRows += s[0];
            targetRows += t[0];
            if (s[0] != t[0] || s[1] != t[1]) {
                long from = range * rangeSize;
                differing.add(new ReconcileReport.Range(from, from + rangeSize, s[0], t[0],
                        differing.size() < MAX_RANGES_DETAILED ? examples(from, from + rangeSize) : List.of()));
            }
        }
        return new ReconcileReport(differing.isEmpty(), clock.instant(), sourceRows, targetRows, rangeSize, all.size(),
                differing);
    }

    /** Per range index: {row count, XOR of row checksums}. */
    private static Map<Long, long[]> ranges(JdbcTemplate db, String table, String where, long rangeSize) {
        Map<Long, long[]> ranges = new TreeMap<>();
        db.query("SELECT FLOOR(id / ?) AS r, COUNT(*), BIT_XOR(" + ROW_CHECKSUM + ") FROM " + table + " " + where
                + " GROUP BY r", rs -> {
                    ranges.put(rs.getLong(1), new long[] { rs.getLong(2), rs.getLong(3) });
                }, rangeSize);
        return ranges;
    }

    /** Walks both sides of one range in key order and names the first keys that differ. */
    private List<ReconcileReport.Example> examples(long fromId, long toId) {
        List<long[]> s = keys(source, "", fromId, toId);
        List<long[]> t = keys(target, "AND NOT _cdc_deleted", fromId, toId);
        List<ReconcileReport.Example> examples = new ArrayList<>();
        Iterator<long[]> si = s.iterator();
        Iterator<long[]> ti = t.iterator();
        long[] a = si.hasNext() ? si.next() : null;
        long[] b = ti.hasNext() ? ti.next() : null;
        while ((a != null || b != null) && examples.size() < MAX_EXAMPLES_PER_RANGE) {
            if (b == null || (a != null && a[0] < b[0])) {
                examples.add(new ReconcileReport.Example(a[0], ReconcileReport.Difference.MISSING_IN_TARGET));
                a = si.hasNext() ? si.next() : null;
            } else if (a == null || b[0] < a[0]) {
                examples.add(new ReconcileReport.Example(b[0], ReconcileReport.Difference.EXTRA_IN_TARGET));
                b = ti.hasNext() ? ti.next() : null;
            } else {
                if (a[1] != b[1]) {
                    examples.add(new ReconcileReport.Example(a[0], ReconcileReport.Difference.DIFFERENT));
                }
                a = si.hasNext() ? si.next() : null;
                b = ti.hasNext() ? ti.next() : null;
            }
        }
        return examples;
    }

    /** {id, checksum} of one range, in key order: one range at a time, so memory stays bounded by the range size. */
    private static List<long[]> keys(JdbcTemplate db, String andWhere, long fromId, long toId) {
        return db.query("SELECT id, " + ROW_CHECKSUM + " FROM listings WHERE id >= ? AND id < ? " + andWhere
                + " ORDER BY id", (rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) }, fromId, toId);
    }
}
