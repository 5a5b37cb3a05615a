package dev.cdcsink.change;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The columns of a table's rows as one version of its change events describes them, and which of
 * them make the key. Built once per schema (the same instance for every event that carries it),
 * which is what lets the sink compile a table's statements once per schema version: two events
 * share a plan exactly when they share this instance.
 */
public final class EventSchema {

    private final List<EventColumn> columns;
    private final List<String> keyColumns;
    private final Map<String, Integer> index = new HashMap<>();

    /**
     * @param columns    the row's columns, in the order of the row values
     * @param keyColumns the key's columns, in the order of the key values; each one of {@code columns}
     */
    public EventSchema(List<EventColumn> columns, List<String> keyColumns) {
        this.columns = List.copyOf(columns);
        this.keyColumns = List.copyOf(keyColumns);
        for (int i = 0; i < columns.size(); i++) {
            index.put(columns.get(i).name(), i);
        }
        for (String key : keyColumns) {
            if (!index.containsKey(key)) {
                throw new IllegalArgumentException("key column " + key + " is not a column of the row " + columnNames());
            }
        }
    }

    public List<EventColumn> columns() {
        return columns;
    }

    public List<String> keyColumns() {
        return keyColumns;
    }

    /** The position of a column in the row values, or -1. */
    public int indexOf(String column) {
        return index.getOrDefault(column, -1);
    }

    public List<String> columnNames() {
        return columns.stream().map(EventColumn::name).toList();
    }

    @Override
    public String toString() {
        return "EventSchema" + columnNames() + " key " + keyColumns;
    }
}
