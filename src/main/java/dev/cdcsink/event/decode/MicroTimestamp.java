package dev.cdcsink.event.decode;

import java.util.List;

import dev.cdcsink.change.ValueKind;

/** {@code io.debezium.time.MicroTimestamp}: DATETIME(4–6) as microseconds since the epoch (int64) → LocalDateTime. */
public final class MicroTimestamp implements LogicalType {

    public static final String NAME = "io.debezium.time.MicroTimestamp";

    @Override
    public List<String> schemaNames() {
        return List.of(NAME);
    }

    @Override
    public ValueKind kind() {
        return ValueKind.DATETIME;
    }

    @Override
    public FieldDecoder decoder(FieldSchema schema) {
        return value -> EpochTime.utcDateTime(JsonValues.int64(value), 1_000_000L);
    }
}
