package dev.cdcsink.support;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import dev.cdcsink.apply.ApplyResult;
import dev.cdcsink.apply.ChangeBatch;
import dev.cdcsink.apply.ChangeSink;
import dev.cdcsink.apply.DeleteMode;
import dev.cdcsink.apply.OffsetStore;
import dev.cdcsink.apply.SinkProperties;
import dev.cdcsink.change.RowChange;
import dev.cdcsink.dialect.SqlDialect;
import dev.cdcsink.dialect.mysql.MySqlDialect;
import dev.cdcsink.event.EventProperties;
import dev.cdcsink.event.UnavailableValues;
import dev.cdcsink.event.EventProperties.BigintUnsignedHandlingMode;
import dev.cdcsink.event.EventProperties.BinaryHandlingMode;
import dev.cdcsink.event.EventProperties.DecimalHandlingMode;
import dev.cdcsink.event.EventProperties.TimePrecisionMode;
import dev.cdcsink.table.SchemaChangeListener;
import dev.cdcsink.table.SchemaChanges;
import dev.cdcsink.table.SchemaEvolution;
import dev.cdcsink.table.TableCatalog;
import dev.cdcsink.table.TableProperties;

/**
 * The sink's own parts on a real target database, without Kafka: the catalog that binds changes
 * to their tables (creating them as the service does) and the sink that applies batches.
 */
public final class SinkHarness {

    /** The dialect of the tests' MariaDB servers. */
    public static final SqlDialect DIALECT = new MySqlDialect(() -> true);
    public static final EventProperties EVENT_DEFAULTS = new EventProperties(DecimalHandlingMode.PRECISE,
            TimePrecisionMode.ADAPTIVE_TIME_MICROSECONDS, BigintUnsignedHandlingMode.LONG, BinaryHandlingMode.BYTES,
            UnavailableValues.PLACEHOLDER);
    public static final TableProperties TABLE_DEFAULTS = tables(SchemaEvolution.ADD_COLUMNS);

    private final TableCatalog catalog;

    /** The default table settings with this schema evolution. */
    public static TableProperties tables(SchemaEvolution evolution) {
        return new TableProperties("${source.table}", Map.of(), List.of(), List.of(), true, evolution);
    }
    private final ChangeSink sink;

    public SinkHarness(TargetDatabase db, DeleteMode mode) {
        this(db, mode, 1000);
    }

    public SinkHarness(TargetDatabase db, DeleteMode mode, int chunkSize) {
        this(db, mode, chunkSize, TABLE_DEFAULTS, EVENT_DEFAULTS);
    }

    public SinkHarness(TargetDatabase db, DeleteMode mode, int chunkSize, TableProperties tables, EventProperties events) {
        this(db, mode, chunkSize, tables, events, change -> { });
    }

    /** With {@code schemaChanges} told of every schema change the catalog makes or refuses. */
    public SinkHarness(TargetDatabase db, DeleteMode mode, int chunkSize, TableProperties tables, EventProperties events,
            SchemaChangeListener schemaChanges) {
        SqlDialect dialect = db.dialect();
        this.catalog = new TableCatalog(db.jdbc(), dialect, tables, events, new SchemaChanges(db.jdbc(), dialect),
                schemaChanges, Clock.systemUTC());
        this.sink = new ChangeSink(db.jdbc(), dialect, new OffsetStore(db.jdbc(), dialect), db.transactionManager(),
                new SinkProperties(mode, chunkSize));
    }

    public TableCatalog catalog() {
        return catalog;
    }

    /** The changes bound to their tables (the tables created if missing) as one batch. */
    public ChangeBatch batch(List<RowChange> changes) {
        ChangeBatch.Builder builder = ChangeBatch.builder();
        for (RowChange change : changes) {
            TableCatalog.Binding binding = catalog.bind(change);
            if (binding instanceof TableCatalog.Bound bound) {
                builder.add(change, bound.plan());
            } else if (binding instanceof TableCatalog.Truncate truncate) {
                builder.truncate(change, truncate.table());
            } else {
                builder.consumed(change.coordinates());
            }
        }
        return builder.build();
    }

    public ChangeBatch batch(RowChange... changes) {
        return batch(List.of(changes));
    }

    public ApplyResult apply(ChangeBatch batch) {
        return sink.apply(batch);
    }

    /** Whether a failure of {@link #apply} is the target refusing a row (as the pipeline tells them apart). */
    public boolean rejectsRow(Throwable failure) {
        return sink.rejectsRow(failure);
    }

    public ApplyResult apply(RowChange... changes) {
        return sink.apply(batch(changes));
    }
}
