package dev.cdcsink.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.cdcsink.change.TableId;
import dev.cdcsink.dialect.Bookkeeping;
import dev.cdcsink.dialect.SqlDialect;
import dev.cdcsink.dialect.TargetColumn;
import dev.cdcsink.dialect.TargetTable;

/**
 * The target tables the sink writes — every table of the target database that has its
 * bookkeeping columns, whether it made them or a person did — read as the database has them now,
 * each with its schema history from {@code sink_schema_change}.
 */
public class TableInventory {

    /** A column of a target table; {@code key} when it is part of the primary key. */
    public record Column(String name, String type, boolean nullable, boolean key) {
    }

    /**
     * @param createdBySink whether the sink created it (else it was there: a person's, or a migration's)
     * @param schemaChanges what the sink changed in it or refused, oldest first
     */
    public record Table(String name, List<Column> columns, boolean createdBySink, List<SchemaChange> schemaChanges) {
    }

    private final JdbcTemplate jdbc;
    private final SqlDialect dialect;
    private final SchemaChanges schemaChanges;

    public TableInventory(JdbcTemplate jdbc, SqlDialect dialect, SchemaChanges schemaChanges) {
        this.jdbc = jdbc;
        this.dialect = dialect;
        this.schemaChanges = schemaChanges;
    }

    public List<Table> tables() {
        List<TargetTable> written = new ArrayList<>();
        for (TableId id : dialect.tables().list(jdbc)) {
            Optional<TargetTable> table = dialect.tables().read(jdbc, id.table());
            if (table.isPresent() && table.get().column(Bookkeeping.POSITION) != null) {
                written.add(table.get());
            }
        }
        Map<String, List<SchemaChange>> history = schemaChanges.of(written.stream().map(TargetTable::name).toList());
        List<Table> tables = new ArrayList<>();
        for (TargetTable table : written) {
            List<SchemaChange> changes = history.getOrDefault(table.name(), List.of());
            tables.add(new Table(table.name(), table.columns().stream().map(c -> column(c, table)).toList(),
                    changes.stream().anyMatch(c -> c.kind() == SchemaChange.Kind.CREATE_TABLE), changes));
        }
        return tables;
    }

    private static Column column(TargetColumn column, TargetTable table) {
        return new Column(column.name(), column.type(), column.nullable(), table.primaryKey().contains(column.name()));
    }
}
