package dev.cdcsink.table;

import dev.cdcsink.dialect.SqlValues;

/**
 * How the values of one event column go into one target column, compiled once per table plan:
 * a check that the value fits the column exactly (before the transaction, so that a value that
 * does not fit costs only its own record a dead letter), and the literal that writes it.
 */
public interface ColumnWriter {

    /** Why {@code value} (non-null, available) cannot be written to the column as it is; null when it can. */
    String problem(Object value);

    /** Writes a value that passed {@link #problem}; null is written as NULL. */
    void write(Object value, SqlValues out);
}
