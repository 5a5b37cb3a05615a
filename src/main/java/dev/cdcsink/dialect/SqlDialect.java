package dev.cdcsink.dialect;

import java.sql.SQLException;

/**
 * Everything that differs between database products, and every statement the sink runs: the
 * sink's algorithm builds SQL only through this seam. Identifiers come from validated names and
 * are always quoted; values become SQL text only through the dialect's literal rendering
 * ({@link SqlValues}). Split by what the statements are for, so that no dialect class grows into
 * one holding everything.
 */
public interface SqlDialect {

    /** The products this dialect speaks to, for messages, e.g. {@code MySQL 8 / MariaDB}. */
    String product();

    /**
     * Whether this product's floating-point and decimal columns hold NaN, Infinity and -Infinity
     * (PostgreSQL's real, double precision and unconstrained numeric do; MySQL's and MariaDB's
     * columns do not, and such a value is a rejected change, never a coerced one).
     */
    boolean holdsNonFiniteNumbers();

    /** The identifier quoted for this product; the caller has validated it with {@link #identifierProblem}. */
    String quote(String identifier);

    /** Why {@code name} cannot be a table or column name here (length, characters); null when it can. */
    String identifierProblem(String name);

    /**
     * Whether the database refused a statement because of the values of a row (a value that does
     * not fit, a constraint it breaks): the row can never be written as it is. Any other failure
     * (connection, deadlock, lock wait, privileges, a missing table) may pass.
     */
    boolean rejectsRow(SQLException failure);

    /** A literal writer appending to {@code sql}. */
    RowsStatement.Values values(StringBuilder sql);

    /** Reading target tables' metadata; creating tables and columns. */
    TableStatements tables();

    /** Writing, locking and deleting rows of target tables. */
    RowStatements rows();

    /** The sink's own tables: offsets, truncate floors, the hard-delete ledger, dead letters. */
    LedgerStatements ledgers();

    /** Comparing a copy with its source: canonical values, row hashes, buckets. */
    ChecksumStatements checksums();

    /** Where the Flyway migrations of the sink's own tables are, e.g. {@code classpath:db/target/mysql}. */
    String migrations();
}
