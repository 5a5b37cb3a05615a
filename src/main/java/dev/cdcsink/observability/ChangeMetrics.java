package dev.cdcsink.observability;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

import dev.cdcsink.apply.ApplyResult;
import dev.cdcsink.apply.ChangeOutcome;
import dev.cdcsink.change.Op;

/**
 * Counts every change by table, op and outcome ({@code cdc_sink_changes_total}), so skipped
 * duplicates, stale and excluded changes are visible rather than silent. Tags are bounded: the
 * tables the sink writes, the ops, the outcomes. A table's counters are all registered (at 0)
 * the first time it is seen, so that a rate over them starts from its first change.
 */
@Component
class ChangeMetrics {

    /** The table tag of records that could not be parsed far enough to know their table. */
    static final String UNKNOWN = "unknown";

    private static final String[] OUTCOMES = { "applied", "duplicate", "stale", "dead_lettered", "excluded" };

    private record Key(String table, int op, int outcome) {
    }

    private final MeterRegistry registry;
    private final Map<Key, Counter> changes = new ConcurrentHashMap<>();
    private final Map<String, Counter> tombstones = new ConcurrentHashMap<>();

    ChangeMetrics(MeterRegistry registry) {
        this.registry = registry;
        counter(UNKNOWN, -1, 3);
        counter(UNKNOWN, -1, 1);
    }

    void committed(ApplyResult result) {
        for (String table : result.tables()) {
            for (ChangeOutcome outcome : ChangeOutcome.values()) {
                for (Op op : Op.values()) {
                    int n = result.count(table, outcome, op);
                    if (n > 0) {
                        counter(table, op.ordinal(), outcome.ordinal()).increment(n);
                    }
                }
            }
        }
    }

    /** A dead-lettered record; table and op null when the record could not be parsed far enough to know them. */
    void deadLettered(String table, Op op) {
        counter(table == null ? UNKNOWN : table, op == null ? -1 : op.ordinal(), 3).increment();
    }

    /** A record read again that had been dead-lettered before: a duplicate. */
    void deadLetteredBefore(String table, Op op) {
        counter(table == null ? UNKNOWN : table, op == null ? -1 : op.ordinal(), 1).increment();
    }

    void excluded(String sourceTable, Op op) {
        counter(sourceTable, op.ordinal(), 4).increment();
    }

    void tombstone(String topic) {
        tombstones.computeIfAbsent(topic, t -> Counter.builder("cdc.sink.tombstones")
                .description("Tombstone records skipped (nothing to apply), by topic").tag("topic", t)
                .register(registry)).increment();
    }

    void ignored(String topic, String kind) {
        Counter.builder("cdc.sink.records.ignored")
                .description("Records that are no row change (heartbeats, logical decoding messages), skipped, by topic "
                        + "and kind").tags("topic", topic, "kind", kind)
                .register(registry).increment();
    }

    /** The counter, registering every counter of a table first seen (op -1: unknown). */
    private Counter counter(String table, int op, int outcome) {
        Counter counter = changes.get(new Key(table, op, outcome));
        if (counter != null) {
            return counter;
        }
        for (int o = 0; o < OUTCOMES.length; o++) {
            for (int i = -1; i < Op.values().length; i++) {
                int opIndex = i;
                int outcomeIndex = o;
                changes.computeIfAbsent(new Key(table, i, o), k -> Counter.builder("cdc.sink.changes")
                        .description("Change events by table, op and outcome: applied, duplicate, stale, dead_lettered, "
                                + "excluded")
                        .tags("table", table, "op", opIndex < 0 ? UNKNOWN : Op.values()[opIndex].code(),
                                "outcome", OUTCOMES[outcomeIndex].toLowerCase(Locale.ROOT))
                        .register(registry));
            }
        }
        return changes.get(new Key(table, op, outcome));
    }
}
