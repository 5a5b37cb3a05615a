package dev.cdcsink.table;

import java.time.Instant;
import java.util.Locale;

/**
 * A change the sink made to a target table's schema, or a source schema change it refused.
 *
 * @param table       the target table
 * @param sourceTable the source table whose events asked for it ({@code db.table})
 * @param kind        what happened
 * @param column      the column concerned; null for the table as a whole
 * @param statement   the DDL that ran; null for a refusal
 * @param reason      why, in words
 * @param changedAt   when
 */
public record SchemaChange(String table, String sourceTable, Kind kind, String column, String statement, String reason,
        Instant changedAt) {

    public enum Kind {
        /** The table was created from the events' schema. */
        CREATE_TABLE,
        /** The sink's bookkeeping columns were added to an existing table. */
        ADD_BOOKKEEPING,
        /** A column the source gained. */
        ADD_COLUMN,
        /** A column whose source type grew. */
        WIDEN_COLUMN,
        /** A column the source no longer sends, which an insert could otherwise not leave out. */
        ALLOW_NULL,
        /** A source schema change not applied: its changes are dead-lettered with the reason. */
        REFUSED;

        /** The metric tag and the API's spelling, e.g. {@code add_column}. */
        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
