package dev.cdcsink.dialect.mysql;

import static dev.cdcsink.dialect.mysql.MySqlDialect.q;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.cdcsink.change.EventColumn;
import dev.cdcsink.change.TableId;
import dev.cdcsink.dialect.Bookkeeping;
import dev.cdcsink.dialect.ColumnDefinition;
import dev.cdcsink.dialect.TableStatements;
import dev.cdcsink.dialect.TargetColumn;
import dev.cdcsink.dialect.TargetTable;

/**
 * Target tables in MySQL and MariaDB: read from {@code information_schema}, created from event
 * schemas with {@link MySqlTypes}. Created tables are InnoDB, utf8mb4, with a binary collation
 * without pad for text, so that no two source values are ever one value in the copy.
 */
final class MySqlTables implements TableStatements {

    private final Supplier<String> collation;
    private volatile String binaryCollation;

    MySqlTables(Supplier<String> binaryCollation) {
        this.collation = binaryCollation;
    }

    private String binaryCollation() {
        String known = binaryCollation;
        if (known == null) {
            known = collation.get();
            binaryCollation = known;
        }
        return known;
    }

    /** MySQL has no schemas within a database: {@code source.db} is the database. */
    @Override
    public List<TableId> list(JdbcTemplate jdbc) {
        return jdbc.query("SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() "
                + "AND TABLE_TYPE = 'BASE TABLE'", (rs, n) -> TableId.of(rs.getString(1), rs.getString(2)));
    }

    @Override
    public Optional<TargetTable> read(JdbcTemplate jdbc, String table) {
        List<TargetColumn> columns = jdbc.query("SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, CHARACTER_MAXIMUM_LENGTH, "
                + "CHARACTER_OCTET_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE, DATETIME_PRECISION, IS_NULLABLE "
                + "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? "
                + "ORDER BY ORDINAL_POSITION", (rs, n) -> MySqlTypes.column(rs.getString(1), rs.getString(2),
                        rs.getString(3), rs.getObject(4, Long.class), rs.getObject(5, Long.class),
                        rs.getObject(6, Long.class), rs.getObject(7, Long.class), rs.getObject(8, Long.class),
                        "YES".equals(rs.getString(9))), table);
        if (columns.isEmpty()) {
            return Optional.empty();
        }
        List<String> key = jdbc.queryForList("SELECT COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE "
                + "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND CONSTRAINT_NAME = 'PRIMARY' "
                + "ORDER BY ORDINAL_POSITION", String.class, table);
        return Optional.of(new TargetTable(table, columns, key));
    }

    @Override
    public ColumnDefinition definitionFor(EventColumn column, boolean key) {
        String type = MySqlTypes.definition(column, key);
        if (MySqlTypes.isText(type)) {
            type += " CHARACTER SET utf8mb4 COLLATE " + binaryCollation();
        }
        // every column but the key's takes NULL: a soft-deleted key the target never saw a row of
        // has only its key, and a column the source drops stays, empty from then on
        return new ColumnDefinition(column.name(), type, !key, "");
    }

    @Override
    public List<ColumnDefinition> bookkeeping() {
        return List.of(
                new ColumnDefinition(Bookkeeping.DELETED, "BOOLEAN", false, "DEFAULT FALSE"),
                new ColumnDefinition(Bookkeeping.SOURCE_TS, "DATETIME(3)", true, ""),
                new ColumnDefinition(Bookkeeping.APPLIED_AT, "DATETIME(6)", true, ""),
                new ColumnDefinition(Bookkeeping.ROW_HASH, "BIGINT", true, ""),
                // empty sorts before every position: rows the sink did not write lose to any change
                new ColumnDefinition(Bookkeeping.POSITION, "VARBINARY(32)", false, "DEFAULT ''"));
    }

    @Override
    public String createTable(String table, List<ColumnDefinition> columns, List<String> primaryKey) {
        List<String> parts = new ArrayList<>();
        columns.forEach(c -> parts.add(column(c)));
        parts.add("PRIMARY KEY (" + primaryKey.stream().map(MySqlDialect::q).collect(Collectors.joining(", ")) + ")");
        return "CREATE TABLE IF NOT EXISTS " + q(table) + " (" + String.join(", ", parts)
                + ") ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = " + binaryCollation();
    }

    @Override
    public String addColumn(String table, ColumnDefinition column) {
        return "ALTER TABLE " + q(table) + " ADD COLUMN " + column(column);
    }

    private static String column(ColumnDefinition c) {
        return q(c.name()) + " " + c.type() + (c.nullable() ? " NULL" : " NOT NULL")
                + (c.extra().isEmpty() ? "" : " " + c.extra());
    }
}
