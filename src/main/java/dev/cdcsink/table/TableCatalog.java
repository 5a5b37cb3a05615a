package dev.cdcsink.table;

import static dev.cdcsink.event.decode.FailureKind.UNSUPPORTED_TABLE;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.cdcsink.change.EventColumn;
import dev.cdcsink.change.EventSchema;
import dev.cdcsink.change.Op;
import dev.cdcsink.change.RowChange;
import dev.cdcsink.change.TableId;
import dev.cdcsink.dialect.Bookkeeping;
import dev.cdcsink.dialect.SqlDialect;
import dev.cdcsink.dialect.TargetColumn;
import dev.cdcsink.dialect.TargetTable;
import dev.cdcsink.event.EventProperties;
import dev.cdcsink.event.SchemalessSchemas;
import dev.cdcsink.event.SchemalessTable;
import dev.cdcsink.event.TargetUnavailableException;
import dev.cdcsink.event.decode.DecodeException;

/**
 * The target tables the sink writes, and the plan for each (event schema, table): routes a
 * change's source table to its target, has the table made to fit the schema ({@link TargetTables}:
 * created, evolved, before the first row that needs it), checks it against the schema, and
 * compiles the plan once per schema version. Also tells the parser how to decode messages without
 * a schema.
 *
 * <p>A change that cannot be written as it is — a name that is not acceptable, a column the table
 * lacks, a value that does not fit — fails with a {@link DecodeException} that says so; the
 * pipeline dead-letters it. A failure of the database itself is a {@link DataAccessException}:
 * transient, retried.
 */
public class TableCatalog implements SchemalessSchemas {

    /** Where a change goes. */
    public sealed interface Binding {
    }

    /** A row change, with the plan that writes it. */
    public record Bound(TablePlan plan) implements Binding {
    }

    /** A truncate of this target table. */
    public record Truncate(String table) implements Binding {
    }

    /** Not copied: the table is excluded. */
    public record Excluded(String why) implements Binding {
    }

    private record PlanKey(EventSchema schema, String table) {
    }

    private static final int MAX_PLANS = 1024;

    private final TargetTables targets;
    private final EventProperties events;
    private final SqlDialect dialect;
    private final TableRouter router;
    private final Map<PlanKey, TablePlan> plans = new ConcurrentHashMap<>();
    /** The (schema, table) pairs whose refusal was recorded: each is recorded once, its changes dead-lettered each. */
    private final Set<PlanKey> refusals = ConcurrentHashMap.newKeySet();
    private final Map<String, SchemalessTable> schemaless = new ConcurrentHashMap<>();

    public TableCatalog(JdbcTemplate jdbc, SqlDialect dialect, TableProperties properties, EventProperties events,
            SchemaChanges schemaChanges, SchemaChangeListener listener, Clock clock) {
        this.targets = new TargetTables(jdbc, dialect, properties, schemaChanges, listener, clock);
        this.dialect = dialect;
        this.events = events;
        this.router = new TableRouter(properties, dialect);
    }

    /**
     * Where the change goes, with everything its target needs done (the table created, its
     * bookkeeping columns added) and its values checked against the target's columns.
     *
     * @throws DecodeException      when the change can never be written as it is (the reason says why)
     * @throws DataAccessException  when the target cannot be read or changed now (transient)
     */
    public Binding bind(RowChange change) {
        TableRoute route = router.route(change.table(), change.coordinates().topic());
        if (route instanceof TableRoute.Excluded excluded) {
            return new Excluded(excluded.why());
        }
        if (route instanceof TableRoute.Refused refused) {
            throw new DecodeException(UNSUPPORTED_TABLE, refused.why());
        }
        String target = ((TableRoute.Target) route).table();
        if (change.op() == Op.TRUNCATE) {
            return new Truncate(target);
        }
        PlanKey key = new PlanKey(change.schema(), target);
        TablePlan plan = plans.get(key);
        if (plan == null) {
            if (plans.size() > MAX_PLANS) {
                plans.clear();
            }
            // compiled outside the map: it may run DDL, which must not hold the map's locks
            TablePlan compiled = compile(change, target);
            plan = Optional.ofNullable(plans.putIfAbsent(key, compiled)).orElse(compiled);
        }
        plan.check(change);
        return new Bound(plan);
    }

    /**
     * Where the changes of a source table go, by the same rules as {@link #bind}; {@code topic} null when it
     * is not known (then a name format that uses {@code ${topic}} cannot name the target).
     */
    public TableRoute route(TableId table, String topic) {
        return router.route(table, topic);
    }

    @Override
    public SchemalessTable forTable(TableId table, String topic) {
        TableRoute route = router.route(table, topic);
        if (!(route instanceof TableRoute.Target target)) {
            throw new DecodeException(UNSUPPORTED_TABLE, route instanceof TableRoute.Refused refused ? refused.why()
                    : "source table " + table + " is not copied: " + ((TableRoute.Excluded) route).why());
        }
        SchemalessTable known = schemaless.get(target.table());
        if (known != null) {
            return known;
        }
        TargetTable existing;
        try {
            existing = targets.read(target.table()).orElseThrow(() -> new DecodeException(UNSUPPORTED_TABLE,
                    "a message without a schema cannot create target table " + target.table() + " (source " + table
                            + "): create it, or enable schemas in the connector's converter"));
        } catch (DataAccessException e) {
            throw new TargetUnavailableException("target table " + target.table() + " cannot be read", e);
        }
        return schemaless.computeIfAbsent(target.table(), t -> SchemalessColumns.of(existing, events));
    }

    private TablePlan compile(RowChange change, String target) {
        EventSchema schema = change.schema();
        String source = change.table().toString();
        if (schema.keyColumns().isEmpty()) {
            throw new DecodeException(UNSUPPORTED_TABLE, "source table " + source + " has no primary key in its events; "
                    + "cdc-sink needs one (for a table without one, set the connector's message.key.columns)");
        }
        for (EventColumn column : schema.columns()) {
            String problem = Bookkeeping.isReserved(column.name()) ? "it starts with the sink's reserved prefix "
                    + Bookkeeping.PREFIX : dialect.identifierProblem(column.name());
            if (problem != null) {
                throw new DecodeException(UNSUPPORTED_TABLE, "column '" + column.name() + "' of source table " + source
                        + " cannot be a target column: " + problem);
            }
        }
        TargetTable table = targets.prepare(target, schema, source);
        PlanKey key = new PlanKey(schema, target);
        List<String> names = new ArrayList<>();
        List<ColumnWriter> writers = new ArrayList<>();
        for (EventColumn column : schema.columns()) {
            TargetColumn targetColumn = table.column(column.name());
            if (targetColumn == null) {
                throw refused(key, source, column.name(), "column " + column.name() + " of source table " + source
                        + " is not in target table " + target + "; add it to the table, or let the sink add it "
                        + "(cdc-sink.tables.schema-evolution=add-columns)");
            }
            try {
                writers.add(ColumnWriters.of(column, targetColumn, events, dialect.holdsNonFiniteNumbers()));
            } catch (IllegalArgumentException e) {
                throw refused(key, source, column.name(), "target table " + target + ", " + e.getMessage()
                        + "; cdc-sink never changes a column to another kind: alter the target column (README: "
                        + "Schema changes) and redrive the dead letters");
            }
            names.add(targetColumn.name());
        }
        Set<String> eventKey = lower(schema.keyColumns());
        Set<String> targetKey = lower(table.primaryKey());
        if (!eventKey.equals(targetKey)) {
            throw new DecodeException(UNSUPPORTED_TABLE, "target table " + target + " has primary key "
                    + table.primaryKey() + ", the events of source table " + source + " have key " + schema.keyColumns()
                    + "; they must be the same columns");
        }
        return new TablePlan(table.name(), schema, names, writers, table.uniqueKeys(), dialect);
    }

    /** A schema change the table cannot follow: recorded (once per schema) and refused. */
    private DecodeException refused(PlanKey key, String source, String column, String reason) {
        if (refusals.size() > MAX_PLANS) {
            refusals.clear();
        }
        if (refusals.add(key)) {
            targets.refused(key.table(), source, column, reason);
        }
        // the next change of this schema looks at the table again: an operator may have fixed it
        targets.forget(key.table());
        return new DecodeException(UNSUPPORTED_TABLE, reason);
    }

    private static Set<String> lower(List<String> names) {
        Set<String> lower = new HashSet<>();
        names.forEach(n -> lower.add(n.toLowerCase(Locale.ROOT)));
        return lower;
    }
}
