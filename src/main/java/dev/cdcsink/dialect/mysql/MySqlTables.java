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
        List<String> required = new ArrayList<>();
        List<TargetColumn> columns = jdbc.query("SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, CHARACTER_MAXIMUM_LENGTH, "
                + "CHARACTER_OCTET_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE, DATETIME_PRECISION, IS_NULLABLE, "
                + "COLUMN_DEFAULT IS NULL AND EXTRA NOT LIKE '%auto_increment%' AND EXTRA NOT LIKE '%GENERATED%' "
                + "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? "
                + "ORDER BY ORDINAL_POSITION", (rs, n) -> {
                    boolean nullable = "YES".equals(rs.getString(9));
                    if (!nullable && rs.getBoolean(10)) {
                        required.add(rs.getString(1));
                    }
                    return MySqlTypes.column(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getObject(4, Long.class), rs.getObject(5, Long.class), rs.getObject(6, Long.class),
                            rs.getObject(7, Long.class), rs.getObject(8, Long.class), nullable);
                }, table);
        if (columns.isEmpty()) {
            return Optional.empty();
        }
        List<String> key = jdbc.queryForList("SELECT COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE "
                + "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND CONSTRAINT_NAME = 'PRIMARY' "
                + "ORDER BY ORDINAL_POSITION", String.class, table);
        List<String> unique = jdbc.queryForList("SELECT DISTINCT INDEX_NAME FROM information_schema.STATISTICS "
                + "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND NON_UNIQUE = 0 AND INDEX_NAME <> 'PRIMARY' "
                + "ORDER BY INDEX_NAME", String.class, table);
        return Optional.of(new TargetTable(table, columns, key, required, unique));
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

    @Override
    public Optional<String> widenedType(TargetColumn existing, EventColumn column, boolean key) {
        return MySqlWidening.widened(existing, MySqlTypes.definition(column, key));
    }

    @Override
    public String widenColumn(JdbcTemplate jdbc, String table, String column, String type) {
        String definition = definitionOf(jdbc, table, column);
        // the type is the definition's first word with its arguments; the rest (collation, NULL, default,
        // comment) stays as it is
        int end = typeEnd(definition);
        return "ALTER TABLE " + q(table) + " MODIFY COLUMN " + q(column) + " " + type + definition.substring(end);
    }

    @Override
    public String allowNull(JdbcTemplate jdbc, String table, String column) {
        String definition = definitionOf(jdbc, table, column);
        int end = typeEnd(definition);
        String rest = definition.substring(end).replaceFirst("^((?: (?:CHARACTER SET|COLLATE) \\S+)*) NOT NULL", "$1 NULL");
        return "ALTER TABLE " + q(table) + " MODIFY COLUMN " + q(column) + " " + definition.substring(0, end) + rest;
    }

    /** The column's definition after its name, as SHOW CREATE TABLE writes it. */
    private static String definitionOf(JdbcTemplate jdbc, String table, String column) {
        String create = jdbc.queryForObject("SHOW CREATE TABLE " + q(table), (rs, n) -> rs.getString(2));
        String prefix = q(column) + " ";
        for (String line : create.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith(prefix)) {
                String definition = trimmed.substring(prefix.length());
                return definition.endsWith(",") ? definition.substring(0, definition.length() - 1) : definition;
            }
        }
        throw new IllegalStateException("column " + column + " is not in SHOW CREATE TABLE " + table);
    }

    /** Where the type ends in a column definition: after its name and any parenthesised arguments and UNSIGNED. */
    private static int typeEnd(String definition) {
        int i = 0;
        while (i < definition.length() && Character.isLetter(definition.charAt(i))) {
            i++;
        }
        if (i < definition.length() && definition.charAt(i) == '(') {
            boolean quoted = false;
            for (i++; i < definition.length(); i++) {
                char c = definition.charAt(i);
                if (c == '\'' ) {
                    quoted = !quoted;
                } else if (c == ')' && !quoted) {
                    i++;
                    break;
                }
            }
        }
        for (String suffix : new String[] { " unsigned", " zerofill" }) {
            if (definition.regionMatches(true, i, suffix, 0, suffix.length())) {
                i += suffix.length();
            }
        }
        return i;
    }

    private static String column(ColumnDefinition c) {
        return q(c.name()) + " " + c.type() + (c.nullable() ? " NULL" : " NOT NULL")
                + (c.extra().isEmpty() ? "" : " " + c.extra());
    }
}
