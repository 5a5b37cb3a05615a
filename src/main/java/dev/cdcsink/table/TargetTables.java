package dev.cdcsink.table;

import static dev.cdcsink.event.decode.FailureKind.UNSUPPORTED_TABLE;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.cdcsink.change.EventColumn;
import dev.cdcsink.change.EventSchema;
import dev.cdcsink.dialect.Bookkeeping;
import dev.cdcsink.dialect.ColumnDefinition;
import dev.cdcsink.dialect.SqlDialect;
import dev.cdcsink.dialect.TargetColumn;
import dev.cdcsink.dialect.TargetTable;
import dev.cdcsink.event.decode.DecodeException;
import dev.cdcsink.table.SchemaChange.Kind;

/**
 * The target tables as the database has them: their metadata (cached), and the DDL that makes
 * them fit the events — a missing table created, the bookkeeping columns added, and as
 * {@link SchemaEvolution} allows, columns added, widened or let take NULL. DDL runs on its own
 * connection outside any data transaction (it commits implicitly), serialised per table within
 * the instance; another instance racing to make the same change is recognised by reading the
 * table again after a failed statement. Every change is logged, recorded and reported.
 */
final class TargetTables {

    private record Known(Optional<TargetTable> table, Instant readAt) {
    }

    /** One DDL step a table needs for a schema. */
    private record Step(Kind kind, String column, String reason, StatementSource statement) {
    }

    @FunctionalInterface
    private interface StatementSource {
        String get();
    }

    private static final Logger log = LoggerFactory.getLogger(TargetTables.class);
    /** How long a table found missing is not looked for again (with auto-create off, each record would otherwise read metadata). */
    private static final Duration MISSING_RECHECK = Duration.ofSeconds(10);

    private final JdbcTemplate jdbc;
    private final SqlDialect dialect;
    private final TableProperties properties;
    private final SchemaChanges ledger;
    private final SchemaChangeListener listener;
    private final Clock clock;
    private final Map<String, Known> tables = new ConcurrentHashMap<>();
    private final Map<String, Object> ddlLocks = new ConcurrentHashMap<>();

    TargetTables(JdbcTemplate jdbc, SqlDialect dialect, TableProperties properties, SchemaChanges ledger,
            SchemaChangeListener listener, Clock clock) {
        this.jdbc = jdbc;
        this.dialect = dialect;
        this.properties = properties;
        this.ledger = ledger;
        this.listener = listener;
        this.clock = clock;
    }

    /** The table as last read (a missing one is looked for again after a while). */
    Optional<TargetTable> read(String target) {
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

    /**
     * The target table, made to fit the schema as far as the settings allow: created, given its
     * bookkeeping columns, and evolved. What it still lacks is for the caller to refuse.
     */
    TargetTable prepare(String target, EventSchema schema, String source) {
        Optional<TargetTable> cached = read(target);
        if (cached.isPresent() && missingBookkeeping(cached.get()).isEmpty()
                && steps(cached.get(), schema, source).isEmpty()) {
            return cached.get();
        }
        // something to do or to refuse: the table as it is now, not as cached
        Optional<TargetTable> found = reread(target);
        if (!properties.autoCreate()) {
            if (found.isEmpty()) {
                throw new DecodeException(UNSUPPORTED_TABLE, "target table " + target + " (source " + source + ") does "
                        + "not exist and cdc-sink.tables.auto-create is off: create it");
            }
            if (!missingBookkeeping(found.get()).isEmpty()) {
                throw new DecodeException(UNSUPPORTED_TABLE, "target table " + target + " lacks the sink's columns "
                        + missingBookkeeping(found.get()) + " and cdc-sink.tables.auto-create is off: add them "
                        + "(README: Tables)");
            }
        }
        if (found.isPresent() && steps(found.get(), schema, source).isEmpty()) {
            return found.get();
        }
        synchronized (ddlLocks.computeIfAbsent(target, t -> new Object())) {
            Optional<TargetTable> now = reread(target);
            if (now.isEmpty()) {
                create(target, schema, source);
            } else {
                for (Step step : steps(now.get(), schema, source)) {
                    run(target, source, step);
                }
            }
            return reread(target).orElseThrow(() -> new IllegalStateException("target table " + target
                    + " is not there right after it was created"));
        }
    }

    /** Forgets what the table looked like: the next look reads it again (an operator may have altered it). */
    void forget(String target) {
        tables.remove(target);
    }

    /** Records a source schema change that is not applied (its changes are dead-lettered with the reason). */
    void refused(String target, String source, String column, String reason) {
        log.warn("Schema change of source table {} not applied to target table {}: {}", source, target, reason);
        report(new SchemaChange(target, source, Kind.REFUSED, column, null, reason, clock.instant()));
    }

    private void create(String target, EventSchema schema, String source) {
        List<ColumnDefinition> columns = new ArrayList<>();
        for (EventColumn column : schema.columns()) {
            columns.add(dialect.tables().definitionFor(column, schema.keyColumns().contains(column.name())));
        }
        columns.addAll(dialect.tables().bookkeeping());
        String statement = dialect.tables().createTable(target, columns, schema.keyColumns());
        if (ddl(statement, target)) {
            report(new SchemaChange(target, source, Kind.CREATE_TABLE, null, statement, "target table " + target
                    + " did not exist", clock.instant()));
        }
    }

    private List<String> missingBookkeeping(TargetTable table) {
        return dialect.tables().bookkeeping().stream().map(ColumnDefinition::name).filter(c -> table.column(c) == null)
                .toList();
    }

    /** What the table needs for the schema: bookkeeping columns (with auto-create), then what schema evolution allows. */
    private List<Step> steps(TargetTable table, EventSchema schema, String source) {
        List<Step> steps = new ArrayList<>();
        String target = table.name();
        if (properties.autoCreate()) {
            for (ColumnDefinition column : dialect.tables().bookkeeping()) {
                if (table.column(column.name()) == null) {
                    steps.add(new Step(Kind.ADD_BOOKKEEPING, column.name(), "the sink's column " + column.name()
                            + " was missing", () -> dialect.tables().addColumn(target, column)));
                }
            }
        }
        SchemaEvolution evolution = properties.schemaEvolution();
        if (evolution == SchemaEvolution.NONE) {
            return steps;
        }
        for (EventColumn column : schema.columns()) {
            boolean key = schema.keyColumns().contains(column.name());
            TargetColumn existing = table.column(column.name());
            if (existing == null && !key && !Bookkeeping.isReserved(column.name())) {
                ColumnDefinition definition = dialect.tables().definitionFor(column, false);
                steps.add(new Step(Kind.ADD_COLUMN, column.name(), "source table " + source + " has column "
                        + column.name(), () -> dialect.tables().addColumn(target, definition)));
            } else if (existing != null && !key && evolution == SchemaEvolution.EVOLVE) {
                dialect.tables().widenedType(existing, column, false).ifPresent(type -> steps.add(new Step(
                        Kind.WIDEN_COLUMN, column.name(), "source column " + column.name() + " needs " + type
                                + ", the target column is " + existing.type(),
                        () -> dialect.tables().widenColumn(jdbc, target, existing.name(), type))));
            }
        }
        for (String required : table.required()) {
            if (schema.columns().stream().noneMatch(c -> c.name().equalsIgnoreCase(required))
                    && !table.primaryKey().contains(required) && !Bookkeeping.isReserved(required)) {
                steps.add(new Step(Kind.ALLOW_NULL, required, "source table " + source + " sends no column " + required
                        + ", which is NOT NULL without a default: rows written from now on leave it NULL",
                        () -> dialect.tables().allowNull(jdbc, target, required)));
            }
        }
        return steps;
    }

    private void run(String target, String source, Step step) {
        String statement = step.statement().get();
        if (ddl(statement, target)) {
            report(new SchemaChange(target, source, step.kind(), step.column(), statement, step.reason(),
                    clock.instant()));
        }
    }

    private void report(SchemaChange change) {
        ledger.record(change);
        listener.changed(change);
    }

    /**
     * Runs DDL on its own connection, outside any data transaction; returns whether it ran. A
     * failure (e.g. the column was added by another instance a moment ago) is logged, and the
     * table read again decides whether all is well.
     */
    private boolean ddl(String statement, String target) {
        try {
            jdbc.execute(statement);
            log.info("DDL on target table {}: {}", target, statement);
            return true;
        } catch (DataAccessException e) {
            log.info("DDL on target table {} failed ({}); reading the table again", target, e.getMostSpecificCause()
                    .getMessage());
            tables.remove(target);
            return false;
        }
    }
}
