package dev.cdcsink.dialect.postgres;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

import dev.cdcsink.dialect.ChecksumStatements;
import dev.cdcsink.dialect.LedgerStatements;
import dev.cdcsink.dialect.RowStatements;
import dev.cdcsink.dialect.RowsStatement;
import dev.cdcsink.dialect.SqlDialect;
import dev.cdcsink.dialect.TableStatements;

/**
 * PostgreSQL 14+. Tables live in the connection's current schema (the first of its
 * {@code search_path}, {@code public} by default); identifiers are always double-quoted, so their
 * case is kept; literals read the same whatever {@code standard_conforming_strings} says
 * ({@link PostgresValues}).
 */
public final class PostgresDialect implements SqlDialect {

    /** PostgreSQL's limit for names: NAMEDATALEN - 1 bytes; a longer name would be cut silently. */
    static final int MAX_IDENTIFIER_BYTES = 63;

    private final PostgresTables tables = new PostgresTables();
    private final PostgresRows rows = new PostgresRows();
    private final PostgresLedgers ledgers = new PostgresLedgers(rows);
    private final PostgresChecksums checksums = new PostgresChecksums();

    @Override
    public String product() {
        return "PostgreSQL";
    }

    @Override
    public boolean holdsNonFiniteNumbers() {
        return true;
    }

    @Override
    public String quote(String identifier) {
        return q(identifier);
    }

    /** Double quotes; a name with a double quote or NUL never gets here ({@link #identifierProblem}). */
    static String q(String identifier) {
        if (identifier.indexOf('"') >= 0 || identifier.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not a valid identifier: " + identifier);
        }
        return "\"" + identifier + "\"";
    }

    /** Letters (any script), digits, {@code _} and {@code $}, at most 63 bytes in UTF-8, not only digits. */
    @Override
    public String identifierProblem(String name) {
        if (name == null || name.isEmpty()) {
            return "it is empty";
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_IDENTIFIER_BYTES) {
            return "it is longer than " + MAX_IDENTIFIER_BYTES + " bytes (UTF-8)";
        }
        if (name.chars().allMatch(Character::isDigit)) {
            return "it is only digits";
        }
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '$')) {
                return "it contains '" + new String(Character.toChars(c)) + "' (allowed: letters, digits, _ and $)";
            }
            i += Character.charCount(c);
        }
        return null;
    }

    /**
     * Class 22 (data exception: a value out of range, too long, not valid for its type, a NUL in
     * text) and class 23 (integrity constraint: NOT NULL, CHECK, but also unique, foreign key and
     * exclusion, which depend on other rows: the sink is the only writer of its tables, so a batch
     * retried unchanged would meet the same rows and fail forever), and 54000 (a row too large for
     * an index). Serialization failures (40001), deadlocks (40P01), lock timeouts (55P03), lost
     * connections (08) and everything else may pass.
     */
    @Override
    public boolean rejectsRow(SQLException failure) {
        String state = failure.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23") || state.equals("54000"));
    }

    @Override
    public RowsStatement.Values values(StringBuilder sql) {
        return new PostgresValues(sql);
    }

    @Override
    public TableStatements tables() {
        return tables;
    }

    @Override
    public RowStatements rows() {
        return rows;
    }

    @Override
    public LedgerStatements ledgers() {
        return ledgers;
    }

    @Override
    public ChecksumStatements checksums() {
        return checksums;
    }

    @Override
    public String migrations() {
        return "classpath:db/target/postgresql";
    }
}
