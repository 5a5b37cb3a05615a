package dev.cdcsink.event.decode;

import java.util.List;

/**
 * {@code io.debezium.time.Time} and {@code org.apache.kafka.connect.data.Time}: milliseconds of the
 * day (int32) → LocalTime.
 */
public final class MillisTime implements LogicalType {

    public static final String DEBEZIUM_NAME = "io.debezium.time.Time";
    public static final String CONNECT_NAME = "org.apache.kafka.connect.data.Time";

    @Override
    public List<String> schemaNames() {
        return List.of(DEBEZIUM_NAME, CONNECT_NAME);
    }

    @Override
    public FieldDecoder decoder(FieldSchema schema) {
        return value -> EpochTime.timeOfDay(JsonValues.int32(value), 1_000L);
    }
}
