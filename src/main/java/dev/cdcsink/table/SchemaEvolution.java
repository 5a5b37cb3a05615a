package dev.cdcsink.table;

/**
 * What the sink does to a target table when the source's schema changes ({@code cdc-sink.tables.schema-evolution}).
 * Whatever the setting, a column is never dropped, narrowed or changed to another kind, and DDL
 * runs before the first row that needs it, outside the data transaction.
 */
public enum SchemaEvolution {

    /** Nothing: a column the table lacks makes the change a dead letter that names it. */
    NONE,

    /**
     * Adds a column the source gained (nullable), and lets a column the source dropped take NULL
     * when it could not be left out of an insert otherwise. Both are quick and lose nothing; a
     * value a column is too small for is dead-lettered with the column's name.
     */
    ADD_COLUMNS,

    /**
     * As {@link #ADD_COLUMNS}, and widens a column whose source type grew (a longer VARCHAR, INT to
     * BIGINT, more DECIMAL digits or places, finer fractional seconds, more ENUM or SET labels).
     * Widening may rebuild the table, which on a large table takes long and locks it meanwhile.
     */
    EVOLVE
}
