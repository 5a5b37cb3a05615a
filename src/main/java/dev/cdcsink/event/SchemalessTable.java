package dev.cdcsink.event;

import static dev.cdcsink.event.decode.FailureKind.MISSING_FIELD;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.cdcsink.change.EventColumn;
import dev.cdcsink.change.EventSchema;
import dev.cdcsink.event.decode.DecodeException;
import dev.cdcsink.event.decode.FieldDecoder;
import dev.cdcsink.event.decode.RowPlan;
import tools.jackson.databind.JsonNode;

/**
 * How the rows of one table are decoded when their messages carry no schema: each field by the
 * type of the target column of its name (the encoding the connector gives that type under the
 * settings mirrored in {@link EventProperties}), the key by the target's primary key. A message's
 * fields, in their order, make its {@link EventSchema}; one per distinct field list, reused.
 */
public final class SchemalessTable {

    /** A target column as the decoder sees it: what it holds, and how its values arrive. */
    public record Column(EventColumn column, FieldDecoder decoder) {
    }

    /** The schema of rows with one field list, with the plans that decode rows and keys into it. */
    record Layout(EventSchema schema, RowPlan rows, RowPlan key) {
    }

    private final String target;
    private final Map<String, Column> columns;
    private final List<String> primaryKey;
    private final UnavailableValues unavailable;
    private final Map<List<String>, Layout> layouts = new ConcurrentHashMap<>();
    private volatile Layout last;

    /**
     * @param target     the target table's name, for failure messages
     * @param columns    the target's columns by name (the sink's bookkeeping columns left out)
     * @param primaryKey the target's primary key columns, in key order
     */
    public SchemalessTable(String target, Map<String, Column> columns, List<String> primaryKey) {
        this(target, columns, primaryKey, UnavailableValues.DEFAULT);
    }

    /** @param unavailable the connector's placeholder for values the source did not log */
    public SchemalessTable(String target, Map<String, Column> columns, List<String> primaryKey,
            UnavailableValues unavailable) {
        this.target = target;
        this.columns = Map.copyOf(columns);
        this.primaryKey = List.copyOf(primaryKey);
        this.unavailable = unavailable;
    }

    /** The layout of rows with exactly {@code row}'s fields: the last one used, or compiled once per field list. */
    Layout layout(JsonNode row) {
        Layout current = last;
        if (current != null && current.rows().fits(row)) {
            return current;
        }
        List<String> names = new ArrayList<>(row.size());
        row.propertyNames().forEach(names::add);
        Layout layout = layouts.computeIfAbsent(List.copyOf(names), this::compile);
        last = layout;
        return layout;
    }

    private Layout compile(List<String> names) {
        List<EventColumn> eventColumns = new ArrayList<>();
        List<FieldDecoder> decoders = new ArrayList<>();
        for (String name : names) {
            Column column = columns.get(name);
            if (column == null) {
                // decoded as unknown, and failed with a message naming the field, by the plan below
                continue;
            }
            eventColumns.add(column.column());
            decoders.add(unavailable.wrap(column.decoder(), column.column().kind()));
        }
        List<String> known = eventColumns.stream().map(EventColumn::name).toList();
        String unknown = "target table " + target + " has no such column, and a message without a schema cannot add one "
                + "(enable schemas in the converter, or add the column to the table)";
        RowPlan rows = RowPlan.of(known, decoders, unknown);
        RowPlan key = RowPlan.of(primaryKey, primaryKey.stream().map(k -> columns.get(k).decoder()).toList(),
                "is not a primary key column of target table " + target);
        for (String keyColumn : primaryKey) {
            if (!known.contains(keyColumn)) {
                throw new DecodeException(MISSING_FIELD, "the row has no field " + keyColumn + ", a primary key column of "
                        + "target table " + target);
            }
        }
        return new Layout(new EventSchema(eventColumns, primaryKey), rows, key);
    }
}
