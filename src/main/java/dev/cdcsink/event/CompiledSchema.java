package dev.cdcsink.event;

import java.util.List;

import dev.cdcsink.change.EventColumn;
import dev.cdcsink.event.decode.RowPlan;

/**
 * A message schema compiled once: the columns of the rows it describes and the plan that decodes
 * them. For a record value these are the columns of its row images, for a record key the key's
 * columns. Compared by identity: the schema cache hands out one instance per schema.
 */
final class CompiledSchema {

    private final List<EventColumn> columns;
    private final RowPlan plan;

    CompiledSchema(List<EventColumn> columns, RowPlan plan) {
        this.columns = List.copyOf(columns);
        this.plan = plan;
    }

    List<EventColumn> columns() {
        return columns;
    }

    RowPlan plan() {
        return plan;
    }
}
