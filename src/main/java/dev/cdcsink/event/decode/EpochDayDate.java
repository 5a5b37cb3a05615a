package dev.cdcsink.event.decode;

import java.time.LocalDate;
import java.util.List;

import dev.cdcsink.change.ValueKind;

/** {@code io.debezium.time.Date} and {@code org.apache.kafka.connect.data.Date}: days since 1970-01-01 (int32). */
public final class EpochDayDate implements LogicalType {

    public static final String DEBEZIUM_NAME = "io.debezium.time.Date";
    public static final String CONNECT_NAME = "org.apache.kafka.connect.data.Date";

    @Override
    public List<String> schemaNames() {
        return List.of(DEBEZIUM_NAME, CONNECT_NAME);
    }

    @Override
    public ValueKind kind() {
        return ValueKind.DATE;
    }

    @Override
    public FieldDecoder decoder(FieldSchema schema) {
        return value -> LocalDate.ofEpochDay(JsonValues.int32(value));
    }
}
