package dev.cdcsink.observability;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import dev.cdcsink.table.SchemaChange;
import dev.cdcsink.table.SchemaChangeListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code cdc_sink_schema_changes_total{table, kind}}: every schema change the sink made to a
 * target table (create_table, add_bookkeeping, add_column, widen_column, allow_null) and every
 * source schema change it refused (refused, which the CdcSinkSchemaChangeRefused alert watches).
 */
@Component
class SchemaChangeMetrics implements SchemaChangeListener {

    private record Key(String table, SchemaChange.Kind kind) {
    }

    private final MeterRegistry registry;
    private final Map<Key, Counter> counters = new ConcurrentHashMap<>();

    SchemaChangeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void changed(SchemaChange change) {
        counters.computeIfAbsent(new Key(change.table(), change.kind()), k -> Counter.builder("cdc.sink.schema.changes")
                .description("Schema changes of target tables the sink made, and source schema changes it refused")
                .tags("table", k.table(), "kind", k.kind().tag()).register(registry)).increment();
    }
}
