package dev.cdcsink.change;

import java.util.Map;

/**
 * A column as a change event's schema describes it: its name, what its values are, whether it
 * may be null, and the Connect schema it came with (type, logical name, parameters such as
 * {@code scale}, {@code length} or, with {@code column.propagate.source.type}, the source column's
 * own type).
 *
 * @param name        the column name
 * @param kind        what its values are
 * @param optional    whether a value may be null
 * @param connectType the Connect type ({@code int32}, {@code string}, {@code bytes}, {@code struct} …)
 * @param logicalName the logical type name, e.g. {@code io.debezium.time.MicroTimestamp}; null when none
 * @param parameters  the schema's parameters; empty when none
 */
public record EventColumn(String name, ValueKind kind, boolean optional, String connectType, String logicalName,
        Map<String, String> parameters) {

    /** Debezium's parameters when the connector propagates source column types. */
    public static final String SOURCE_TYPE = "__debezium.source.column.type";
    public static final String SOURCE_LENGTH = "__debezium.source.column.length";
    public static final String SOURCE_SCALE = "__debezium.source.column.scale";

    public EventColumn {
        parameters = Map.copyOf(parameters);
    }

    public String parameter(String key) {
        return parameters.get(key);
    }

    /** The parameter as an integer; null when absent or not a number. */
    public Integer intParameter(String key) {
        String value = parameters.get(key);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The source column's type name (e.g. {@code VARCHAR}, {@code BIGINT UNSIGNED}) when the connector sends it. */
    public String sourceType() {
        return parameters.get(SOURCE_TYPE);
    }
}
