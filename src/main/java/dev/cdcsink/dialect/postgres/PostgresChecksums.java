package dev.cdcsink.dialect.postgres;

import static dev.cdcsink.dialect.postgres.PostgresDialect.q;

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
import java.util.stream.IntStream;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.cdcsink.dialect.Bookkeeping;
import dev.cdcsink.dialect.ChecksumStatements;
import dev.cdcsink.dialect.ChecksumTable;
import dev.cdcsink.dialect.KeyRange;
import dev.cdcsink.dialect.KeysetBounds;
import dev.cdcsink.dialect.TargetColumn;

/**
 * The canonical texts and hashes of {@link ChecksumStatements} in PostgreSQL. Instants and date-times
 * become microseconds since the epoch by {@code extract(epoch …)}, which reads a {@code timestamp}'s
 * wall clock as UTC and a {@code timestamptz}'s instant, whatever the session's time zone; text is
 * hashed as the database's UTF-8. Hashes come out as signed 64-bit numbers: the same 64 bits as
 * MySQL's unsigned ones.
 */
final class PostgresChecksums implements ChecksumStatements {

    private static final KeysetBounds BOUNDS = new KeysetBounds(PostgresChecksums::sortable, PostgresChecksums::literal);

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
            case TEXT, ENUM, SET, JSON, OTHER -> column.type().equals("point") ? "md5(" + pointBytes(c) + ")"
                    : "md5(" + c + "::text)";
            case BINARY, GEOMETRY -> "md5(" + c + ")";
        };
    }

    /**
     * A native {@code point} (a PostgreSQL source's) as the bytes the sink writes for the
     * connector's value of it, so that it compares with its copy: SRID 0 (a point has none), then
     * the point's WKB, little-endian as Debezium builds it (byte order 1, type 1, x, y).
     */
    private static String pointBytes(String c) {
        return "decode('000000000101000000', 'hex') || " + littleEndian("float8send((" + c + ")[0])") + " || "
                + littleEndian("float8send((" + c + ")[1])");
    }

    /** The 8 bytes of {@code bigEndian} (a {@code float8send}) in reverse order. */
    private static String littleEndian(String bigEndian) {
        return IntStream.rangeClosed(1, 8).map(i -> 9 - i)
                .mapToObj(i -> "substring(" + bigEndian + " FROM " + i + " FOR 1)").collect(Collectors.joining(" || "));
    }

    /**
     * The column's sort value ({@link ChecksumStatements#pageEnd}): the column itself where its
     * order is that of the sort values; text as its UTF-8 bytes (bytea compares byte by byte,
     * whatever the collation), an instant as its UTC wall clock, BOOLEAN, BIT and TIME as numbers.
     */
    private static String sortable(TargetColumn column) {
        String c = q(column.name());
        return switch (column.kind()) {
            case INTEGER, YEAR, DECIMAL, FLOAT, DOUBLE, DATE, DATETIME, BINARY, GEOMETRY -> c;
            case BOOLEAN -> "(" + c + ")::int";
            case BIT -> "lpad(" + c + "::text, 64, '0')::bit(64)::bigint";
            case TIME -> "to_char(" + c + ", 'HH24MISS.US')::numeric";
            case TIMESTAMP -> "(" + c + " AT TIME ZONE 'UTC')";
            case TEXT, ENUM, SET, JSON, OTHER -> "convert_to(" + c + "::text, 'UTF8')";
        };
    }

    @Override
    public String pageEnd(ChecksumTable table, List<Object> after, int pageSize) {
        String keys = table.key().stream().map(PostgresChecksums::sortable).collect(Collectors.joining(", "));
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
        return "SELECT COUNT(*) AS n, COALESCE(bit_xor(" + rowHash(table) + "), 0) AS h FROM " + q(table.name())
                + where(table, page);
    }

    @Override
    public String pageRows(ChecksumTable table, KeyRange page) {
        String keys = table.key().stream().map(k -> q(k.name())).collect(Collectors.joining(", "));
        // an output name may be ordered by only as it is, not in an expression such as a COLLATE: hence the derived table
        return "SELECT * FROM (SELECT " + keyHash(table) + " AS kh, " + rowHash(table) + " AS rh, " + keys + " FROM "
                + q(table.name()) + where(table, page) + ") page ORDER BY kh COLLATE \"C\"";
    }

    /** The planner's estimate ({@code reltuples}: -1 before the table was first analysed, read as 0). */
    @Override
    public long estimatedRows(JdbcTemplate jdbc, String table) {
        Long rows = jdbc.queryForObject("SELECT COALESCE(MAX(GREATEST(reltuples, 0)), 0)::bigint FROM pg_class "
                + "WHERE oid = to_regclass(quote_ident(?))", Long.class, table);
        return rows == null ? 0 : rows;
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

    private String joined(List<TargetColumn> columns) {
        return "concat_ws(','" + columns.stream().map(c -> ", coalesce(" + canonical(c) + ", 'N')")
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
        PostgresValues values = new PostgresValues(sql);
        values.startRow(new String[] {"", ""});
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
