package dev.cdcsink.event.decode;

import java.util.List;

import dev.cdcsink.change.ValueKind;

/** {@code io.debezium.time.NanoTime}: nanoseconds (int64) → Duration, as {@link MicroTime}. MySQL TIME in {@code nanoseconds} mode. */
public final class NanoTime implements LogicalType {

    public static final String NAME = "io.debezium.time.NanoTime";

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
        return value -> EpochTime.time(JsonValues.int64(value), EpochTime.NANOS_PER_SECOND);
    }
}
