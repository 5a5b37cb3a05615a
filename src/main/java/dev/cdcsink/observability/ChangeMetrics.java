package dev.cdcsink.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

import dev.cdcsink.event.Op;
import dev.cdcsink.sink.ApplyResult;
import dev.cdcsink.sink.ChangeOutcome;

/**
 * Counts every change by op and outcome ({@code cdc_sink_changes_total}), so skipped duplicates
 * and stale changes are visible rather than silent. Tags are bounded: table, op, outcome.
 */
@Component
public class ChangeMetrics {

    /** The one table this sink copies; a tag already, so queries keep working when more tables come. */
    static final String TABLE = "listings";

    private final Counter[][] changes = new Counter[ChangeOutcome.values().length][Op.values().length];
    private final Counter[] deadLettered = new Counter[Op.values().length + 1];
    private final Counter[] deadLetteredBefore = new Counter[Op.values().length + 1];
    private final Counter tombstones;

    public ChangeMetrics(MeterRegistry registry) {
        for (ChangeOutcome outcome : ChangeOutcome.values()) {
            for (Op op : Op.values()) {
                changes[outcome.ordinal()][op.ordinal()] = counter(registry, op.code(), outcome.name().toLowerCase());
            }
        }
        for (Op op : Op.values()) {
            deadLettered[op.ordinal()] = counter(registry, op.code(), "dead_lettered");
            deadLetteredBefore[op.ordinal()] = changes[ChangeOutcome.DUPLICATE.ordinal()][op.ordinal()];
        }
        // a record that could not be parsed has no known op
        deadLettered[Op.values().length] = counter(registry, "unknown", "dead_lettered");
        deadLetteredBefore[Op.values().length] = counter(registry, "unknown", "duplicate");
        tombstones = Counter.builder("cdc.sink.tombstones").description("Tombstone records skipped (nothing to apply)")
                .tag("table", TABLE).register(registry);
    }

    private static Counter counter(MeterRegistry registry, String op, String outcome) {
        return Counter.builder("cdc.sink.changes")
                .description("Change events by op and outcome: applied, duplicate, stale, dead_lettered")
                .tags("table", TABLE, "op", op, "outcome", outcome)
                .register(registry);
    }

    public void applied(ApplyResult result) {
        for (ChangeOutcome outcome : ChangeOutcome.values()) {
            for (Op op : Op.values()) {
                int n = result.count(outcome, op);
                if (n > 0) {
                    changes[outcome.ordinal()][op.ordinal()].increment(n);
                }
            }
        }
    }

    /** A dead-lettered record; {@code op} null when the record could not be parsed far enough to know it. */
    public void deadLettered(Op op) {
        deadLettered[op == null ? Op.values().length : op.ordinal()].increment();
    }

    /** A record read again (replay, retry) that had been dead-lettered before: a duplicate, not published again. */
    public void deadLetteredBefore(Op op) {
        deadLetteredBefore[op == null ? Op.values().length : op.ordinal()].increment();
    }

    public void tombstone() {
        tombstones.increment();
    }
}
