package dev.cdcsink.event.decode;

import java.util.List;

import dev.cdcsink.change.ValueKind;

/**
 * {@code io.debezium.time.Timestamp} (DATETIME(0–3) in adaptive modes) and
 * {@code org.apache.kafka.connect.data.Timestamp} (DATETIME in {@code connect} mode): milliseconds
 * since the epoch (int64) of a zone-less wall time → LocalDateTime.
 */
public final class MillisTimestamp implements LogicalType {

    public static final String DEBEZIUM_NAME = "io.debezium.time.Timestamp";
    public static final String CONNECT_NAME = "org.apache.kafka.connect.data.Timestamp";

    @Override
    public List<String> schemaNames() {
        return List.of(DEBEZIUM_NAME, CONNECT_NAME);
    }

    @Override
    public ValueKind kind() {
        return ValueKind.DATETIME;
    }

    @Override
    public FieldDecoder decoder(FieldSchema schema) {
        return value -> EpochTime.utcDateTime(JsonValues.int64(value), 1_000L);
    }
}
