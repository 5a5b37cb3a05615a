package dev.cdcsink.control;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.cdcsink.observability.TableActivity;
import dev.cdcsink.table.SchemaChange;
import dev.cdcsink.table.TableInventory;

/**
 * {@code GET /api/tables}: every table the sink writes, as the target has it now, how it came to
 * be and what the sink changed in it, and what this instance applied to it since it started.
 */
@RestController
class TablesController {

    /** How many of a table's schema changes are listed: the newest. */
    private static final int SCHEMA_CHANGES = 20;

    /**
     * @param targetTable       the table in the target
     * @param origin            {@code created} by the sink, or {@code existing} (a person's or a migration's)
     * @param columns           its columns as the target has them now, bookkeeping columns included
     * @param sourceTables      the source tables whose changes this instance wrote to it
     * @param changes           this instance's changes of it by outcome since it started
     * @param newestPosition    the source position of the newest change this instance applied to it
     * @param newestSourceTime  the source commit time of that change
     * @param schemaChanges     the newest schema changes the sink made to it or refused, oldest first
     */
    record TableView(String targetTable, String origin, List<TableInventory.Column> columns, Set<String> sourceTables,
            Map<String, Long> changes, String newestPosition, Instant newestSourceTime, List<SchemaChange> schemaChanges) {
    }

    private final TableInventory inventory;
    private final TableActivity activity;

    TablesController(TableInventory inventory, TableActivity activity) {
        this.inventory = inventory;
        this.activity = activity;
    }

    @GetMapping("/api/tables")
    List<TableView> tables() {
        return inventory.tables().stream().map(table -> {
            TableActivity.Activity applied = activity.of(table.name());
            List<SchemaChange> changes = table.schemaChanges();
            return new TableView(table.name(), table.createdBySink() ? "created" : "existing", table.columns(),
                    applied.sourceTables(), applied.changes(), applied.newestPosition(), applied.newestSourceTime(),
                    changes.subList(Math.max(0, changes.size() - SCHEMA_CHANGES), changes.size()));
        }).toList();
    }
}
