package dev.cdcsink.dialect.mysql;

import static dev.cdcsink.dialect.mysql.MySqlDialect.q;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.cdcsink.dialect.Bookkeeping;
import dev.cdcsink.dialect.ChecksumStatements;
import dev.cdcsink.dialect.ChecksumTable;
import dev.cdcsink.dialect.KeyRange;
import dev.cdcsink.dialect.KeysetBounds;
import dev.cdcsink.dialect.TargetColumn;

/**
 * The canonical texts and hashes of {@link ChecksumStatements} in MySQL and MariaDB. Nothing here
 * reads the session's time zone: a TIMESTAMP's {@code UNIX_TIMESTAMP} is its stored UTC value, and
 * a DATETIME's distance from the epoch is plain calendar arithmetic. Text is hashed after
 * conversion to utf8mb4, so the column's character set and collation do not matter, and each
 * value's text has a fixed alphabet without {@code ,} or {@code N}, so joined texts cannot run into
 * each other.
 *
 * <p>Pages are bounded in the expanded form {@code a > ? OR (a = ? AND b > ?)}, with a leading
 * {@code a >= ?}: MariaDB's range optimizer turns that into a range of the primary key, where it
 * does not do so for a row-value comparison {@code (a, b) > (?, ?)}.
 */
final class MySqlChecksums implements ChecksumStatements {

    private static final String EPOCH = "TIMESTAMP'1970-01-01 00:00:00'";
    private static final KeysetBounds BOUNDS = new KeysetBounds(MySqlChecksums::sortable, MySqlChecksums::literal);

    @Override
    public String canonical(TargetColumn column) {
        String c = q(column.name());
        return switch (column.kind()) {
            case INTEGER, BOOLEAN -> "CAST(" + c + " AS CHAR)";
            // + 0: the number, not the year's text ('0000') or the bits' bytes
            case YEAR, BIT -> "CAST(" + c + " + 0 AS CHAR)";
            // DECIMAL(p, s) writes s digits after the point: 145.50 and 145.5000 are one number
            case DECIMAL -> column.scale() == 0 ? "CAST(" + c + " AS CHAR)"
                    : "TRIM(TRAILING '.' FROM TRIM(TRAILING '0' FROM CAST(" + c + " AS CHAR)))";
            case FLOAT, DOUBLE -> "CAST(" + c + " AS CHAR)";
            case DATE, DATETIME -> "CAST(TIMESTAMPDIFF(MICROSECOND, " + EPOCH + ", " + c + ") AS CHAR)";
            case TIMESTAMP -> "CAST(CAST(UNIX_TIMESTAMP(" + c + ") * 1000000 AS SIGNED) AS CHAR)";
            case TIME -> "CAST(CAST(" + c + " AS TIME(6)) AS CHAR)";
            case TEXT, ENUM, SET, JSON, OTHER -> "MD5(CAST(" + c + " AS CHAR CHARACTER SET utf8mb4))";
            case BINARY, GEOMETRY -> "MD5(" + c + ")";
        };
    }

    /**
     * The column's sort value. The column itself where its own order is the sort values' (so the
     * primary key's index serves the range); an expression where it is not: a text column's
     * collation orders differently from its bytes (and differs between source and copy), a
     * TIMESTAMP's value depends on the session's time zone, YEAR, BIT and TIME are made numbers.
     */
    private static String sortable(TargetColumn column) {
        String c = q(column.name());
        return switch (column.kind()) {
            case INTEGER, DECIMAL, BOOLEAN, FLOAT, DOUBLE, DATE, DATETIME, BINARY, GEOMETRY -> c;
            case YEAR, BIT -> "(" + c + " + 0)";
            case TIME -> "(CAST(" + c + " AS TIME(6)) + 0)";
            case TIMESTAMP -> "(" + EPOCH + " + INTERVAL CAST(UNIX_TIMESTAMP(" + c + ") * 1000000 AS SIGNED) MICROSECOND)";
            case TEXT, ENUM, SET, JSON, OTHER -> "CAST(CONVERT(" + c + " USING utf8mb4) AS BINARY)";
        };
    }

    @Override
    public String pageEnd(ChecksumTable table, List<Object> after, int pageSize) {
        String keys = table.key().stream().map(MySqlChecksums::sortable).collect(Collectors.joining(", "));
        List<String> conditions = new ArrayList<>();
        live(table, conditions);
        if (after != null) {
            conditions.add(BOUNDS.after(table.key(), after));
        }
        return "SELECT " + keys + " FROM " + q(table.name()) + where(conditions) + " ORDER BY " + keys + " LIMIT 1 OFFSET "
                + (pageSize - 1);
    }

    @Override
    public List<Object> sortValues(ResultSet row, List<TargetColumn> key) throws SQLException {
        List<Object> values = new ArrayList<>(key.size());
        for (int i = 0; i < key.size(); i++) {
            int at = i + 1;
            values.add(switch (key.get(i).kind()) {
                case INTEGER, DECIMAL, BOOLEAN, YEAR, BIT, TIME -> row.getBigDecimal(at);
                case FLOAT, DOUBLE -> row.getDouble(at);
                case DATE -> row.getObject(at, LocalDate.class).atStartOfDay();
                case DATETIME, TIMESTAMP -> row.getObject(at, LocalDateTime.class);
                case TEXT, ENUM, SET, JSON, OTHER, BINARY, GEOMETRY -> row.getBytes(at);
            });
        }
        return values;
    }

    @Override
    public String pageSums(ChecksumTable table, KeyRange page) {
        return "SELECT COUNT(*) AS n, COALESCE(BIT_XOR(" + rowHash(table) + "), 0) AS h FROM " + q(table.name()) + where(table, page);
    }

    @Override
    public String pageRows(ChecksumTable table, KeyRange page) {
        String keys = table.key().stream().map(k -> q(k.name())).collect(Collectors.joining(", "));
        return "SELECT " + keyHash(table) + " AS kh, " + rowHash(table) + " AS rh, " + keys + " FROM " + q(table.name())
                + where(table, page) + " ORDER BY kh";
    }

    /** InnoDB's estimate from its index statistics; 0 when it has none. */
    @Override
    public long estimatedRows(JdbcTemplate jdbc, String table) {
        Long rows = jdbc.queryForObject("SELECT COALESCE(MAX(TABLE_ROWS), 0) FROM information_schema.TABLES "
                + "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?", Long.class, table);
        return rows == null ? 0 : rows;
    }

    /** Connector/J streams a forward-only, read-only result with this fetch size instead of reading it all. */
    @Override
    public Statement streaming(Connection connection) throws SQLException {
        Statement statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        statement.setFetchSize(Integer.MIN_VALUE);
        statement.setEscapeProcessing(false);
        return statement;
    }

    private String keyHash(ChecksumTable table) {
        return "MD5(" + joined(table.key()) + ")";
    }

    private String rowHash(ChecksumTable table) {
        return "CAST(CONV(LEFT(MD5(" + joined(table.columns()) + "), 16), 16, 10) AS UNSIGNED)";
    }

    private String joined(List<TargetColumn> columns) {
        return "CONCAT_WS(','" + columns.stream().map(c -> ", IFNULL(" + canonical(c) + ", 'N')")
                .collect(Collectors.joining()) + ")";
    }

    private static String where(ChecksumTable table, KeyRange page) {
        List<String> conditions = new ArrayList<>();
        live(table, conditions);
        if (page.after() != null) {
            conditions.add(BOUNDS.after(table.key(), page.after()));
        }
        if (page.upTo() != null) {
            conditions.add(BOUNDS.upTo(table.key(), page.upTo()));
        }
        return where(conditions);
    }

    private static void live(ChecksumTable table, List<String> conditions) {
        if (table.liveOnly()) {
            conditions.add("NOT " + q(Bookkeeping.DELETED));
        }
    }

    private static String where(List<String> conditions) {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /** A sort value as a literal, by the Java types {@link #sortValues} reads. */
    private static String literal(Object value) {
        StringBuilder sql = new StringBuilder();
        MySqlValues values = new MySqlValues(sql);
        values.startRow(new String[] { "", "" });
        if (value instanceof BigDecimal number) {
            values.add(number);
        } else if (value instanceof Double number) {
            values.add(number.doubleValue());
        } else if (value instanceof LocalDateTime time) {
            values.add(time);
        } else if (value instanceof byte[] bytes) {
            values.add(bytes);
        } else {
            throw new IllegalArgumentException("not a sort value: " + value.getClass().getName());
        }
        return sql.toString();
    }
}
