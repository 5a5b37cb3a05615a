package dev.cdcsink.dialect.postgres;

import static dev.cdcsink.dialect.postgres.PostgresDialect.q;

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
 * The canonical texts and hashes of {@link ChecksumStatements} in PostgreSQL. Instants and date-times
 * become microseconds since the epoch by {@code extract(epoch …)}, which reads a {@code timestamp}'s
 * wall clock as UTC and a {@code timestamptz}'s instant, whatever the session's time zone; text is
 * hashed as the database's UTF-8. Hashes come out as signed 64-bit numbers: the same 64 bits as
 * MySQL's unsigned ones.
 */
final class PostgresChecksums implements ChecksumStatements {

    @Override
    public String canonical(TargetColumn column) {
        String c = q(column.name());
        return switch (column.kind()) {
            case INTEGER, YEAR -> c + "::text";
            case BOOLEAN -> "CASE WHEN " + c + " THEN '1' ELSE '0' END";
            // the bits as a number; lpad: a bit string casts to bigint only at 64 bits
            case BIT -> "lpad(" + c + "::text, 64, '0')::bit(64)::bigint::text";
            // numeric(p, s) writes s places: 145.50 and 145.5000 are one number
            case DECIMAL -> "trim_scale(" + c + ")::text";
            case FLOAT, DOUBLE -> c + "::text";
            case DATE, DATETIME, TIMESTAMP -> "(extract(epoch FROM " + c + ") * 1000000)::bigint::text";
            case TIME -> "to_char(" + c + ", 'HH24:MI:SS.US')";
            case TEXT, ENUM, SET, JSON, OTHER -> "md5(" + c + "::text)";
            case BINARY, GEOMETRY -> "md5(" + c + ")";
        };
    }

    @Override
    public String count(ChecksumTable table) {
        return "SELECT COUNT(*) FROM " + q(table.name()) + where(table);
    }

    @Override
    public String buckets(ChecksumTable table, int buckets) {
        return "SELECT b, COUNT(*) AS n, bit_xor(rh) AS h FROM (SELECT " + bucket(keyHash(table), buckets) + " AS b, "
                + rowHash(table) + " AS rh FROM " + q(table.name()) + where(table) + ") t GROUP BY b";
    }

    @Override
    public String rowsOf(ChecksumTable table, int buckets, Collection<Integer> which) {
        String keys = table.key().stream().map(k -> q(k.name())).collect(Collectors.joining(", "));
        return "SELECT kh, " + bucket("kh", buckets) + " AS b, rh, " + keys + " FROM (SELECT " + keyHash(table)
                + " AS kh, " + rowHash(table) + " AS rh, " + keys + " FROM " + q(table.name()) + where(table)
                + ") t WHERE " + bucket("kh", buckets) + " IN (" + which.stream().map(String::valueOf)
                        .collect(Collectors.joining(", ")) + ") ORDER BY kh COLLATE \"C\"";
    }

    /** PostgreSQL's driver streams a forward-only result in pages of the fetch size, inside a transaction only. */
    @Override
    public Statement streaming(Connection connection) throws SQLException {
        if (connection.getAutoCommit()) {
            connection.setAutoCommit(false);
        }
        Statement statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        statement.setFetchSize(1000);
        statement.setEscapeProcessing(false);
        return statement;
    }

    private String keyHash(ChecksumTable table) {
        return "md5(" + joined(table.key()) + ")";
    }

    private String rowHash(ChecksumTable table) {
        return "('x' || left(md5(" + joined(table.columns()) + "), 16))::bit(64)::bigint";
    }

    private static String bucket(String keyHash, int buckets) {
        return "(('x' || left(" + keyHash + ", 8))::bit(32)::bigint % " + buckets + ")";
    }

    private String joined(List<TargetColumn> columns) {
        return "concat_ws(','" + columns.stream().map(c -> ", coalesce(" + canonical(c) + ", 'N')")
                .collect(Collectors.joining()) + ")";
    }

    private static String where(ChecksumTable table) {
        return table.liveOnly() ? " WHERE NOT " + q(Bookkeeping.DELETED) : "";
    }
}
