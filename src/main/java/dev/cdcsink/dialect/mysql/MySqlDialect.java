package dev.cdcsink.dialect.mysql;

import java.sql.SQLException;
import java.util.Set;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.cdcsink.dialect.ChecksumStatements;
import dev.cdcsink.dialect.LedgerStatements;
import dev.cdcsink.dialect.RowStatements;
import dev.cdcsink.dialect.RowsStatement;
import dev.cdcsink.dialect.SqlDialect;
import dev.cdcsink.dialect.TableStatements;

/**
 * MySQL 8.x and MariaDB 10.11+/11.x. The two differ where it matters here only in the binary
 * collation without pad that created text columns get ({@code utf8mb4_0900_bin} in MySQL,
 * {@code utf8mb4_nopad_bin} in MariaDB); statements use {@code VALUES(col)} in
 * {@code ON DUPLICATE KEY UPDATE}, which both accept (MariaDB rejects MySQL's {@code AS new}
 * alias).
 */
public final class MySqlDialect implements SqlDialect {

    /** MySQL's and MariaDB's limit for table and column names. */
    static final int MAX_IDENTIFIER_LENGTH = 64;

    private final MySqlTables tables;
    private final MySqlRows rows = new MySqlRows();
    private final MySqlLedgers ledgers = new MySqlLedgers(rows);
    private final MySqlChecksums checksums = new MySqlChecksums();

    /**
     * @param mariaDb whether the server is MariaDB (for the collation of created text columns); asked once,
     *                when the first table is created, so that the dialect exists before the database answers
     */
    public MySqlDialect(BooleanSupplier mariaDb) {
        this.tables = new MySqlTables(() -> mariaDb.getAsBoolean() ? "utf8mb4_nopad_bin" : "utf8mb4_0900_bin");
    }

    /** The dialect for a MySQL or MariaDB database, told apart by its version when first needed. */
    public static MySqlDialect on(DataSource database) {
        return new MySqlDialect(() -> new JdbcTemplate(database).queryForObject("SELECT VERSION()", String.class)
                .contains("MariaDB"));
    }

    @Override
    public String product() {
        return "MySQL 8 / MariaDB";
    }

    @Override
    public boolean holdsNonFiniteNumbers() {
        return false;
    }

    @Override
    public String quote(String identifier) {
        return q(identifier);
    }

    /** Backticks; a name with a backtick or NUL never gets here ({@link #identifierProblem}). */
    static String q(String identifier) {
        if (identifier.indexOf('`') >= 0 || identifier.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not a valid identifier: " + identifier);
        }
        return "`" + identifier + "`";
    }

    /**
     * Letters (any script), digits, {@code _} and {@code $}, at most 64 characters, not only
     * digits, no trailing space: names that need no more than quoting anywhere.
     */
    @Override
    public String identifierProblem(String name) {
        return identifier(name);
    }

    static String identifier(String name) {
        if (name == null || name.isEmpty()) {
            return "it is empty";
        }
        if (name.codePointCount(0, name.length()) > MAX_IDENTIFIER_LENGTH) {
            return "it is longer than " + MAX_IDENTIFIER_LENGTH + " characters";
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
     * SQLSTATE classes 22 (data exception) and 23 (constraint violation), and the errors MySQL and
     * MariaDB report for a row's values under other states: 1265 data truncated (01000), 1364 a
     * NOT NULL column without default the row leaves out, 1366 incorrect value and 1525 (HY000),
     * 3819 a MySQL CHECK constraint (HY000).
     */
    @Override
    public boolean rejectsRow(SQLException failure) {
        String state = failure.getSQLState();
        return (state != null && (state.startsWith("22") || state.startsWith("23")))
                || ROW_ERRORS.contains(failure.getErrorCode());
    }

    private static final Set<Integer> ROW_ERRORS = Set.of(1265, 1364, 1366, 1525, 3819);

    @Override
    public RowsStatement.Values values(StringBuilder sql) {
        return new MySqlValues(sql);
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
        return "classpath:db/target/mysql";
    }
}
