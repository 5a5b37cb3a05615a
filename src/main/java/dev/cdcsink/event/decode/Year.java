package dev.cdcsink.event.decode;

import java.util.List;

import dev.cdcsink.change.ValueKind;

/** {@code io.debezium.time.Year}: a MySQL YEAR as its number (int32). */
public final class Year implements LogicalType {

    public static final String NAME = "io.debezium.time.Year";

    @Override
    public List<String> schemaNames() {
        return List.of(NAME);
    }

    @Override
    public ValueKind kind() {
        return ValueKind.INTEGER;
    }

    @Override
    public FieldDecoder decoder(FieldSchema schema) {
        return value -> (long) JsonValues.int32(value);
    }
}
