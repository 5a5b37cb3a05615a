package dev.cdcsink.dialect;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A dialect's queries that compare a copy with its source inside the databases: a canonical text
 * of each value, a hash of each row and of each key made of those texts, and pages of keys in key
 * order whose rows are counted and hashed.
 *
 * <p>The texts, hashes and sort values are a contract between dialects, so that a source of one product
 * can be compared with a target of another: equal values give equal text in every dialect, whatever
 * column type holds them (INT and BIGINT, VARCHAR and LONGTEXT, a TIMESTAMP and the UTC DATETIME it
 * became, DATETIME(0) and DATETIME(6), DECIMAL(12,2) and DECIMAL(20,6)), independent of the session's
 * time zone and character set; NULL never equals any value, the empty text included. In detail:
 * <ul>
 * <li>integers, BOOLEAN, BIT, YEAR, DECIMAL: the number in decimal, no trailing fractional zeros, no
 *     exponent ({@code 145.5}, {@code 18446744073709551615}, {@code 1} for TRUE);</li>
 * <li>FLOAT, DOUBLE: the shortest text that reads back as the same value ({@code 0.1}, {@code -1e300});</li>
 * <li>DATE, DATETIME, TIMESTAMP: microseconds since 1970-01-01 00:00:00 (a TIMESTAMP's UTC instant, a
 *     DATETIME's wall clock read as UTC, which is how the sink stores instants);</li>
 * <li>TIME: {@code [-]h:mm:ss.ffffff};</li>
 * <li>text, ENUM, SET, JSON: the lowercase hex MD5 of the UTF-8 text (a fixed length however long the value);</li>
 * <li>bytes and geometries: the lowercase hex MD5 of the bytes as stored;</li>
 * <li>a row: the texts of its columns in comparison order, NULL as {@code N}, joined by {@code ,}; its hash
 *     is the first 64 bits of the MD5 of that; a key likewise, its hash the full MD5 in lowercase hex.</li>
 * </ul>
 * A value that has no instant (a zero date) renders as NULL.
 */
public interface ChecksumStatements {

    /** An expression with the canonical text of the column's value (NULL when it is NULL). */
    String canonical(TargetColumn column);

    /**
     * Selects the sort values of the key {@code pageSize} keys after {@code after} (null: from the
     * first) in key order, the end of that page; no row when fewer keys remain. Keys are ordered by
     * their sort values, which are alike in every dialect whatever the column types and collations:
     * numbers (integers, DECIMAL, BOOLEAN, BIT, YEAR, TIME as {@code hhmmss.ffffff}) as
     * {@link java.math.BigDecimal}, FLOAT and DOUBLE as {@link Double}, DATE, DATETIME and TIMESTAMP
     * as the UTC {@link java.time.LocalDateTime}, text as its UTF-8 bytes and bytes as they are, as
     * {@code byte[]} compared unsigned byte by byte; so a page holds the same keys on both sides.
     */
    String pageEnd(ChecksumTable table, List<Object> after, int pageSize);

    /** The sort values of the key that {@link #pageEnd} selected. */
    List<Object> sortValues(ResultSet row, List<TargetColumn> key) throws SQLException;

    /** Selects the page's row count and the XOR of its row hashes (64 bits; 0 for no rows). */
    String pageSums(ChecksumTable table, KeyRange page);

    /** Selects the page's rows ordered by key hash: key hash, row hash, then the key columns. */
    String pageRows(ChecksumTable table, KeyRange page);

    /** The rows the database's statistics say the table has: an estimate, read without counting. */
    long estimatedRows(JdbcTemplate jdbc, String table);

    /** A statement whose results are read from the server row by row as they are consumed, never held whole. */
    Statement streaming(Connection connection) throws SQLException;
}
