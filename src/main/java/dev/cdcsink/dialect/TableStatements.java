package dev.cdcsink.dialect;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.cdcsink.change.EventColumn;
import dev.cdcsink.change.TableId;

/**
 * A dialect's statements on tables as a whole: their metadata (of target tables, and of source tables
 * for reconcile), and the DDL that creates and extends target tables.
 */
public interface TableStatements {

    /** The base tables of the connection's database (or schema), named as Debezium names them; also read on a source. */
    List<TableId> list(JdbcTemplate jdbc);

    /** The table as the database describes it now; empty when there is none of that name. */
    Optional<TargetTable> read(JdbcTemplate jdbc, String table);

    /**
     * The column a person would create for this event column: the source column's own type when the
     * connector sends it ({@code column.propagate.source.type}) and this product has it, else the
     * type the event's Connect and logical type call for.
     *
     * @param key whether the column is part of the primary key (some types cannot be)
     */
    ColumnDefinition definitionFor(EventColumn column, boolean key);

    /** The sink's bookkeeping columns ({@link Bookkeeping#COLUMNS}), as they are added to a table. */
    List<ColumnDefinition> bookkeeping();

    /** Creates the table unless it exists (another instance may have created it meanwhile). */
    String createTable(String table, List<ColumnDefinition> columns, List<String> primaryKey);

    String addColumn(String table, ColumnDefinition column);

    /**
     * The type {@code existing} must get to hold every value of the event column, when that is a
     * widening of its own kind (longer, larger, more digits, places, fractional seconds or labels);
     * empty when it holds them already, or when no widening would (its values are then checked one by one).
     */
    Optional<String> widenedType(TargetColumn existing, EventColumn column, boolean key);

    /** Changes the column's type to {@code type}, keeping the rest of its definition (collation, nullability, default). */
    String widenColumn(JdbcTemplate jdbc, String table, String column, String type);

    /** Lets the column take NULL, keeping the rest of its definition. */
    String allowNull(JdbcTemplate jdbc, String table, String column);
}
