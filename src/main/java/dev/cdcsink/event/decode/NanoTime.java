package dev.cdcsink.event.decode;

import java.util.List;

/** {@code io.debezium.time.NanoTime}: nanoseconds of the day (int64) → LocalTime. MySQL TIME in {@code nanoseconds} mode. */
public final class NanoTime implements LogicalType {

    public static final String NAME = "io.debezium.time.NanoTime";

    @Override
    public List<String> schemaNames() {
        return List.of(NAME);
    }

    @Override
    public FieldDecoder decoder(FieldSchema schema) {
        return value -> EpochTime.timeOfDay(JsonValues.int64(value), EpochTime.NANOS_PER_SECOND);
    }
}
