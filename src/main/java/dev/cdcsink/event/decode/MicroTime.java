package dev.cdcsink.event.decode;

import java.util.List;

/** {@code io.debezium.time.MicroTime}: microseconds of the day (int64) → LocalTime. MySQL TIME in the default mode. */
public final class MicroTime implements LogicalType {

    public static final String NAME = "io.debezium.time.MicroTime";

    @Override
    public List<String> schemaNames() {
        return List.of(NAME);
    }

    @Override
    public FieldDecoder decoder(FieldSchema schema) {
        return value -> EpochTime.timeOfDay(JsonValues.int64(value), 1_000_000L);
    }
}
