package dev.cdcsink.event.decode;

import java.util.List;

import dev.cdcsink.change.ValueKind;

/**
 * {@code io.debezium.time.MicroTime}: microseconds (int64) → Duration: a time of day, or for MySQL
 * TIME an interval, negative or beyond a day. MySQL TIME in the default mode, PostgreSQL time.
 */
public final class MicroTime implements LogicalType {

    public static final String NAME = "io.debezium.time.MicroTime";

    @Override
    public List<String> schemaNames() {
        return List.of(NAME);
    }

    @Override
    public ValueKind kind() {
        return ValueKind.TIME;
    }

    @Override
    public FieldDecoder decoder(FieldSchema schema) {
        return value -> EpochTime.time(JsonValues.int64(value), 1_000_000L);
    }
}
