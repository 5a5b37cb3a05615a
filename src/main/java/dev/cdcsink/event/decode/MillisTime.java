package dev.cdcsink.event.decode;

import java.util.List;

import dev.cdcsink.change.ValueKind;

/**
 * {@code io.debezium.time.Time} and {@code org.apache.kafka.connect.data.Time}: milliseconds of the
 * day (int32) → Duration.
 */
public final class MillisTime implements LogicalType {

    public static final String DEBEZIUM_NAME = "io.debezium.time.Time";
    public static final String CONNECT_NAME = "org.apache.kafka.connect.data.Time";

    @Override
    public List<String> schemaNames() {
        return List.of(DEBEZIUM_NAME, CONNECT_NAME);
    }

    @Override
    public ValueKind kind() {
        return ValueKind.TIME;
    }

    @Override
    public FieldDecoder decoder(FieldSchema schema) {
        return value -> EpochTime.time(JsonValues.int32(value), 1_000L);
    }
}
