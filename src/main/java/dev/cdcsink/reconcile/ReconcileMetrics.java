package dev.cdcsink.reconcile;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code cdc_sink_reconcile_rows_compared_total{table}}: source rows in the pages reconcile compared,
 * by target table; {@code cdc_sink_reconcile_running}: reconcile jobs running (0 or 1).
 */
final class ReconcileMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> compared = new ConcurrentHashMap<>();
    private final AtomicInteger running = new AtomicInteger();

    ReconcileMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("cdc.sink.reconcile.running", running, AtomicInteger::get)
                .description("Reconcile jobs running").register(registry);
    }

    void compared(String table, long rows) {
        compared.computeIfAbsent(table, t -> Counter.builder("cdc.sink.reconcile.rows.compared")
                .description("Source rows in the pages reconcile compared").tag("table", t).register(registry))
                .increment(rows);
    }

    void started() {
        running.incrementAndGet();
    }

    void finished() {
        running.decrementAndGet();
    }
}
