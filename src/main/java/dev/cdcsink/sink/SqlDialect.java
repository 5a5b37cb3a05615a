package dev.cdcsink.sink;

import java.util.List;

/**
 * The SQL that differs between database products. The sink builds statement text only through
 * this seam: identifiers come from code, values are the dialect's literals (see {@link SqlValues}).
 */
public interface SqlDialect {

    /**
     * An insert of rows that, when a key exists, overwrites the other columns only if the new
     * row's {@code positionColumn} is not less than the stored one (an equal position is a later
     * change of the same source transaction). The position column is assigned last, so every
     * other assignment still compares against the old value.
     *
     * @param columns all columns in value order; must contain {@code keyColumn} and {@code positionColumn}
     */
    RowsStatement guardedUpsert(String table, List<String> columns, String keyColumn, String positionColumn);

    /** A select of {@code columns} for the rows whose {@code keyColumn} is one of the rendered keys, locking them. */
    RowsStatement selectForUpdate(String table, List<String> columns, String keyColumn);
}
