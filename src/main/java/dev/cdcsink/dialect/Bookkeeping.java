package dev.cdcsink.dialect;

import java.util.List;

/**
 * The columns the sink keeps in every target table beside the source's, all under one reserved
 * prefix that no source column may use: whether the row is deleted (soft-delete mode), the source
 * position of the change that wrote it (which decides which change wins), a hash of the row image
 * it wrote (which tells a change sent again from a later one of the same transaction), when the
 * source committed it and when the sink applied it.
 */
public final class Bookkeeping {

    public static final String PREFIX = "_cdc_";
    public static final String DELETED = PREFIX + "deleted";
    public static final String SOURCE_TS = PREFIX + "source_ts";
    public static final String APPLIED_AT = PREFIX + "applied_at";
    public static final String ROW_HASH = PREFIX + "row_hash";
    public static final String POSITION = PREFIX + "position";

    /** In the order the sink writes them: the position last, as the guarded upsert needs. */
    public static final List<String> COLUMNS = List.of(DELETED, SOURCE_TS, APPLIED_AT, ROW_HASH, POSITION);

    private Bookkeeping() {
    }

    public static boolean isReserved(String column) {
        return column.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }
}
