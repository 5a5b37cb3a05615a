package dev.cdcsink.dialect.postgres;

import static dev.cdcsink.dialect.postgres.PostgresDialect.q;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.cdcsink.change.EventColumn;
import dev.cdcsink.change.TableId;
import dev.cdcsink.dialect.Bookkeeping;
import dev.cdcsink.dialect.ColumnDefinition;
import dev.cdcsink.dialect.TableStatements;
import dev.cdcsink.dialect.TargetColumn;
import dev.cdcsink.dialect.TargetTable;

/**
 * Target tables in PostgreSQL, in the connection's current schema: read from
 * {@code information_schema} and the catalog, created from event schemas with {@link PostgresTypes}.
 * Text columns get the database's default collation: PostgreSQL's collations are deterministic, so
 * two different source values never become one value in the copy.
 */
final class PostgresTables implements TableStatements {

    @Override
    public List<TableId> list(JdbcTemplate jdbc) {
        return jdbc.query("SELECT table_schema, table_name FROM information_schema.tables WHERE table_schema = "
                + "current_schema() AND table_type = 'BASE TABLE'", (rs, n) -> TableId.of(rs.getString(1), rs.getString(2)));
    }

    @Override
    public Optional<TargetTable> read(JdbcTemplate jdbc, String table) {
        List<String> required = new ArrayList<>();
        List<TargetColumn> columns = jdbc.query("SELECT c.column_name, c.data_type, c.domain_name, "
                + "format_type(a.atttypid, a.atttypmod), c.character_maximum_length::bigint, c.numeric_precision::bigint, "
                + "c.numeric_scale::bigint, c.datetime_precision::bigint, c.is_nullable, "
                + "c.column_default IS NULL AND c.is_identity = 'NO' AND c.is_generated = 'NEVER' "
                + "FROM information_schema.columns c JOIN pg_attribute a ON a.attrelid = "
                + "(quote_ident(c.table_schema) || '.' || quote_ident(c.table_name))::regclass AND a.attname = c.column_name "
                + "WHERE c.table_schema = current_schema() AND c.table_name = ? ORDER BY c.ordinal_position", (rs, n) -> {
                    boolean nullable = "YES".equals(rs.getString(9));
                    if (!nullable && rs.getBoolean(10)) {
                        required.add(rs.getString(1));
                    }
                    return PostgresTypes.column(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getObject(5, Long.class), rs.getObject(6, Long.class), rs.getObject(7, Long.class),
                            rs.getObject(8, Long.class), nullable);
                }, table);
        if (columns.isEmpty()) {
            return Optional.empty();
        }
        List<String> key = jdbc.queryForList("SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = "
                + "i.indrelid AND a.attnum = ANY (i.indkey) WHERE i.indisprimary AND i.indrelid = "
                + "(quote_ident(current_schema()) || '.' || quote_ident(?))::regclass "
                + "ORDER BY array_position(i.indkey::int2[], a.attnum)", String.class, table);
        // no other unique keys: ON CONFLICT (key) never turns a duplicate in one into an update of another row
        return Optional.of(new TargetTable(table, columns, key, required, List.of()));
    }

    /** Every column but the key's takes NULL: a key-only delete row, a column the source dropped. */
    @Override
    public ColumnDefinition definitionFor(EventColumn column, boolean key) {
        return new ColumnDefinition(column.name(), PostgresTypes.definition(column, key), !key, "");
    }

    @Override
    public List<ColumnDefinition> bookkeeping() {
        return List.of(
                new ColumnDefinition(Bookkeeping.DELETED, "boolean", false, "DEFAULT FALSE"),
                new ColumnDefinition(Bookkeeping.SOURCE_TS, "timestamp(3)", true, ""),
                new ColumnDefinition(Bookkeeping.APPLIED_AT, "timestamp(6)", true, ""),
                new ColumnDefinition(Bookkeeping.ROW_HASH, "bigint", true, ""),
                // empty sorts before every position: rows the sink did not write lose to any change
                new ColumnDefinition(Bookkeeping.POSITION, "bytea", false, "DEFAULT ''::bytea"));
    }

    @Override
    public String createTable(String table, List<ColumnDefinition> columns, List<String> primaryKey) {
        List<String> parts = new ArrayList<>();
        columns.forEach(c -> parts.add(column(c)));
        parts.add("PRIMARY KEY (" + PostgresRows.list(primaryKey) + ")");
        return "CREATE TABLE IF NOT EXISTS " + q(table) + " (" + String.join(", ", parts) + ")";
    }

    @Override
    public String addColumn(String table, ColumnDefinition column) {
        return "ALTER TABLE " + q(table) + " ADD COLUMN IF NOT EXISTS " + column(column);
    }

    @Override
    public Optional<String> widenedType(TargetColumn existing, EventColumn column, boolean key) {
        return PostgresWidening.widened(existing, PostgresTypes.definition(column, key));
    }

    /** PostgreSQL changes only the type: nullability, default and collation stay. */
    @Override
    public String widenColumn(JdbcTemplate jdbc, String table, String column, String type) {
        return "ALTER TABLE " + q(table) + " ALTER COLUMN " + q(column) + " TYPE " + type;
    }

    @Override
    public String allowNull(JdbcTemplate jdbc, String table, String column) {
        return "ALTER TABLE " + q(table) + " ALTER COLUMN " + q(column) + " DROP NOT NULL";
    }

    private static String column(ColumnDefinition c) {
        return q(c.name()) + " " + c.type() + (c.nullable() ? " NULL" : " NOT NULL")
                + (c.extra().isEmpty() ? "" : " " + c.extra());
    }
}
