package dev.cdcsink.dialect.mysql;

import static dev.cdcsink.dialect.mysql.MySqlDialect.q;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import dev.cdcsink.dialect.Bookkeeping;
import dev.cdcsink.dialect.ChecksumStatements;
import dev.cdcsink.dialect.ChecksumTable;
import dev.cdcsink.dialect.TargetColumn;

/**
 * The canonical texts and hashes of {@link ChecksumStatements} in MySQL and MariaDB. Nothing here
 * reads the session's time zone: a TIMESTAMP's {@code UNIX_TIMESTAMP} is its stored UTC value, and
 * a DATETIME's distance from the epoch is plain calendar arithmetic. Text is hashed after
 * conversion to utf8mb4, so the column's character set and collation do not matter, and each
 * value's text has a fixed alphabet without {@code ,} or {@code N}, so joined texts cannot run into
 * each other.
 */
final class MySqlChecksums implements ChecksumStatements {

    private static final String EPOCH = "TIMESTAMP'1970-01-01 00:00:00'";

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

    @Override
    public String count(ChecksumTable table) {
        return "SELECT COUNT(*) FROM " + q(table.name()) + where(table);
    }

    @Override
    public String buckets(ChecksumTable table, int buckets) {
        return "SELECT " + bucket(keyHash(table), buckets) + " AS b, COUNT(*) AS n, BIT_XOR(" + rowHash(table) + ") AS h FROM "
                + q(table.name()) + where(table) + " GROUP BY b";
    }

    @Override
    public String rowsOf(ChecksumTable table, int buckets, Collection<Integer> which) {
        String keys = table.key().stream().map(k -> q(k.name())).collect(Collectors.joining(", "));
        return "SELECT kh, " + bucket("kh", buckets) + " AS b, rh, " + keys + " FROM (SELECT " + keyHash(table)
                + " AS kh, " + rowHash(table) + " AS rh, " + keys + " FROM " + q(table.name()) + where(table)
                + ") t WHERE " + bucket("kh", buckets) + " IN (" + which.stream().map(String::valueOf)
                        .collect(Collectors.joining(", ")) + ") ORDER BY kh";
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

    private static String bucket(String keyHash, int buckets) {
        return "CAST(CONV(LEFT(" + keyHash + ", 8), 16, 10) AS UNSIGNED) MOD " + buckets;
    }

    private String joined(List<TargetColumn> columns) {
        return "CONCAT_WS(','" + columns.stream().map(c -> ", IFNULL(" + canonical(c) + ", 'N')")
                .collect(Collectors.joining()) + ")";
    }

    private static String where(ChecksumTable table) {
        return table.liveOnly() ? " WHERE NOT " + q(Bookkeeping.DELETED) : "";
    }
}
