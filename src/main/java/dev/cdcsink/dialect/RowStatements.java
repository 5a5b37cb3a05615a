package dev.cdcsink.dialect;

import java.util.List;

/** A dialect's statements on the rows of target tables and of the sink's own keyed tables. */
public interface RowStatements {

    /**
     * An insert of rows that, when a key exists, overwrites the other columns only if the new row's
     * {@code positionColumn} is not less than the stored one (an equal position is a later change
     * of the same source transaction). The position is assigned last, so that every other
     * assignment still compares against the old value.
     *
     * @param columns every column written, in value order; must contain the key and the position column
     */
    RowsStatement upsert(String table, List<String> columns, List<String> key, String positionColumn);

    /** A plain insert of rows, which fails on any duplicate key: for tables that {@link #upsert} must not write. */
    RowsStatement insert(String table, List<String> columns);

    /**
     * An update of the stored rows by their key alone, where the new row's {@code positionColumn} is not
     * less than the stored one: unlike {@link #upsert}, it can never write a row of another key, whatever
     * other unique keys the table has (a duplicate in one fails the statement).
     *
     * @param columns every column written, in value order; must contain the key and the position column
     */
    RowsStatement updateByKey(String table, List<String> columns, List<String> key, String positionColumn);

    /** A select of {@code columns} of the rows whose key is one of the rendered keys, locking them until commit. */
    RowsStatement lock(String table, List<String> key, List<String> columns);

    /**
     * Deletes each rendered key (its values, then a position) whose stored position is not newer than that
     * position: an equal one is an earlier change of the same source transaction (a row created and
     * deleted in it, as a primary-key update leaves the keys it passes through).
     */
    RowsStatement deleteNotNewer(String table, List<String> key, String positionColumn);

    /**
     * Soft truncate: every row whose position is older than the rendered one is flagged deleted
     * and moved to it. Values: the time applied, the position, the position again.
     */
    RowsStatement softTruncate(String table);

    /** Hard truncate: every row whose position is older than the rendered one is deleted. Value: the position. */
    RowsStatement hardTruncate(String table);
}
