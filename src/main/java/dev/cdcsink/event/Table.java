package dev.cdcsink.event;

import dev.cdcsink.event.decode.FieldDecoder;
import dev.cdcsink.event.decode.RowPlan;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A source table's columns: what decodes its rows when messages carry no schema. */
public record Table(String name, List<Column<?>> columns) {

    public Table {
        columns = List.copyOf(columns);
    }

    /**
     * The row plan for messages without a schema: each column decoded with the encoding the
     * connector gives its type under these settings. Also decodes keys, whose fields are columns.
     */
    public RowPlan impliedPlan(EventProperties settings) {
        Map<String, FieldDecoder> decoders = new HashMap<>();
        for (Column<?> column : columns) {
            decoders.put(column.name(), column.type().impliedDecoder(settings));
        }
        return RowPlan.of(decoders);
    }
}
