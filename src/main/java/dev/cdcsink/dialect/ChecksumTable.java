package dev.cdcsink.dialect;

import java.util.List;

/**
 * One side of a comparison: a table and the columns of it that are compared.
 *
 * @param name     the table
 * @param columns  the compared columns in comparison order (the same order on both sides), key columns included
 * @param key      the key columns in key order (the same order on both sides)
 * @param liveOnly whether rows flagged {@link Bookkeeping#DELETED} are left out (a soft-deleting copy)
 */
public record ChecksumTable(String name, List<TargetColumn> columns, List<TargetColumn> key, boolean liveOnly) {

    public ChecksumTable {
        columns = List.copyOf(columns);
        key = List.copyOf(key);
    }
}
