package dev.cdcsink.sink;

import java.util.List;

/**
 * The SQL that differs between database products. The sink builds statements only through this
 * seam, from identifiers in code, never from message content.
 */
public interface SqlDialect {

    /**
     * An insert of one row that, when the key exists, overwrites the other columns only if the
     * new row's {@code positionColumn} is not less than the stored one (an equal position is a
     * later change of the same source transaction when positions are not exact). The position column is
     * assigned last, so every other assignment still compares against the old value.
     *
     * @param columns all columns in parameter order; must contain {@code keyColumn} and {@code positionColumn}
     */
    String guardedUpsert(String table, List<String> columns, String keyColumn, String positionColumn);

    /** A select of {@code columns} for the rows whose {@code keyColumn} is one of {@code keyCount} parameters, locking them. */
    String selectForUpdate(String table, List<String> columns, String keyColumn, int keyCount);
}
