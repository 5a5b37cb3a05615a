package dev.cdcsink.table;

import static dev.cdcsink.event.decode.FailureKind.UNSUPPORTED_TABLE;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.cdcsink.change.EventColumn;
import dev.cdcsink.change.EventSchema;
import dev.cdcsink.change.Op;
import dev.cdcsink.change.RowChange;
import dev.cdcsink.change.TableId;
import dev.cdcsink.dialect.Bookkeeping;
import dev.cdcsink.dialect.ColumnDefinition;
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
 * change's source table to its target, reads the target's metadata (cached), creates a missing
 * table from the event's schema (outside any data transaction, before the first row that needs
 * it; safe when several instances race), checks an existing one against the schema, and compiles
 * the plan once per schema version. Also tells the parser how to decode messages without a schema.
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

    /** How a target table came to be written by the sink. */
    public enum Origin {
        /** Created by this instance from an event's schema. */
        CREATED,
        /** There already (made by a person, a migration, or another instance). */
        EXISTING
    }

    private record PlanKey(EventSchema schema, String table) {
    }

    private record Known(Optional<TargetTable> table, Instant readAt) {
    }

    private static final Logger log = LoggerFactory.getLogger(TableCatalog.class);
    /** How long a table found missing is not looked for again (with auto-create off, each record would otherwise read metadata). */
    private static final Duration MISSING_RECHECK = Duration.ofSeconds(10);
    private static final int MAX_PLANS = 1024;

    private final JdbcTemplate jdbc;
    private final SqlDialect dialect;
    private final TableProperties properties;
    private final EventProperties events;
    private final TableRouter router;
    private final Clock clock;
    private final Map<String, Known> tables = new ConcurrentHashMap<>();
    private final Map<String, Origin> origins = new ConcurrentHashMap<>();
    private final Map<PlanKey, TablePlan> plans = new ConcurrentHashMap<>();
    private final Map<String, SchemalessTable> schemaless = new ConcurrentHashMap<>();
    private final Map<String, Object> ddlLocks = new ConcurrentHashMap<>();

    public TableCatalog(JdbcTemplate jdbc, SqlDialect dialect, TableProperties properties, EventProperties events,
            Clock clock) {
        this.jdbc = jdbc;
        this.dialect = dialect;
        this.properties = properties;
        this.events = events;
        this.router = new TableRouter(properties, dialect);
        this.clock = clock;
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

    /** How the table this source table goes to came to be written, for those this instance has written. */
    public Map<String, Origin> origins() {
        return Map.copyOf(origins);
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
            existing = read(target.table()).orElseThrow(() -> new DecodeException(UNSUPPORTED_TABLE,
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
        TargetTable table = prepare(target, schema, source);
        List<String> names = new ArrayList<>();
        List<ColumnWriter> writers = new ArrayList<>();
        for (EventColumn column : schema.columns()) {
            TargetColumn targetColumn = table.column(column.name());
            if (targetColumn == null) {
                throw new DecodeException(UNSUPPORTED_TABLE, "column " + column.name() + " of source table " + source
                        + " is not in target table " + target + "; add it to the table");
            }
            try {
                writers.add(ColumnWriters.of(column, targetColumn, events));
            } catch (IllegalArgumentException e) {
                throw new DecodeException(UNSUPPORTED_TABLE, "target table " + target + ", " + e.getMessage());
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
        return new TablePlan(table.name(), schema, names, writers, dialect);
    }

    /** The target table, created or given its bookkeeping columns where that is allowed and needed. */
    private TargetTable prepare(String target, EventSchema schema, String source) {
        Optional<TargetTable> found = read(target);
        if (found.isPresent() && missingBookkeeping(found.get()).isEmpty()) {
            origins.putIfAbsent(target, Origin.EXISTING);
            return found.get();
        }
        if (!properties.autoCreate()) {
            throw new DecodeException(UNSUPPORTED_TABLE, found.isEmpty()
                    ? "target table " + target + " (source " + source + ") does not exist and cdc-sink.tables.auto-create "
                            + "is off: create it"
                    : "target table " + target + " lacks the sink's columns " + missingBookkeeping(found.get())
                            + " and cdc-sink.tables.auto-create is off: add them (README: Target tables)");
        }
        // one instance's parse threads serialise their DDL on a table; other instances are told apart by re-reading
        synchronized (ddlLocks.computeIfAbsent(target, t -> new Object())) {
            Optional<TargetTable> now = reread(target);
            if (now.isEmpty()) {
                create(target, schema, source);
            } else {
                for (ColumnDefinition column : missingBookkeeping(now.get())) {
                    ddl(dialect.tables().addColumn(target, column), target);
                }
                origins.putIfAbsent(target, Origin.EXISTING);
            }
            return reread(target).orElseThrow(() -> new IllegalStateException("target table " + target
                    + " is not there right after it was created"));
        }
    }

    private void create(String target, EventSchema schema, String source) {
        List<ColumnDefinition> columns = new ArrayList<>();
        for (EventColumn column : schema.columns()) {
            columns.add(dialect.tables().definitionFor(column, schema.keyColumns().contains(column.name())));
        }
        columns.addAll(dialect.tables().bookkeeping());
        ddl(dialect.tables().createTable(target, columns, schema.keyColumns()), target);
        origins.put(target, Origin.CREATED);
        log.info("Created target table {} for source table {}", target, source);
    }

    /** Runs DDL on its own connection, outside any data transaction; a change another instance made first is success. */
    private void ddl(String statement, String target) {
        try {
            jdbc.execute(statement);
            log.info("DDL on target table {}: {}", target, statement);
        } catch (DataAccessException e) {
            // e.g. the column was added by another instance a moment ago: the re-read shows whether all is well
            log.info("DDL on target table {} failed ({}); reading the table again", target, e.getMostSpecificCause()
                    .getMessage());
            tables.remove(target);
        }
    }

    private List<ColumnDefinition> missingBookkeeping(TargetTable table) {
        return dialect.tables().bookkeeping().stream().filter(c -> table.column(c.name()) == null).toList();
    }

    private Optional<TargetTable> read(String target) {
        Known known = tables.get(target);
        Instant now = clock.instant();
        if (known != null && (known.table().isPresent() || known.readAt().plus(MISSING_RECHECK).isAfter(now))) {
            return known.table();
        }
        return reread(target);
    }

    private Optional<TargetTable> reread(String target) {
        Optional<TargetTable> table = dialect.tables().read(jdbc, target);
        tables.put(target, new Known(table, clock.instant()));
        return table;
    }

    private static Set<String> lower(List<String> names) {
        Set<String> lower = new HashSet<>();
        names.forEach(n -> lower.add(n.toLowerCase(Locale.ROOT)));
        return lower;
    }
}
