package dev.cdcsink.event.decode;

import static dev.cdcsink.event.decode.FailureKind.UNSUPPORTED_ENCODING;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

import dev.cdcsink.change.ValueKind;

/**
 * {@code io.debezium.time.ZonedTimestamp}: an ISO-8601 string with offset (MySQL TIMESTAMP columns,
 * always in UTC) → the Instant it denotes.
 */
public final class ZonedTimestamp implements LogicalType {

    public static final String NAME = "io.debezium.time.ZonedTimestamp";

    @Override
    public List<String> schemaNames() {
        return List.of(NAME);
    }

    @Override
    public ValueKind kind() {
        return ValueKind.TIMESTAMP;
    }

    @Override
    public FieldDecoder decoder(FieldSchema schema) {
        return value -> {
            String text = JsonValues.text(value);
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw new DecodeException(UNSUPPORTED_ENCODING, "expected an ISO-8601 timestamp with offset, got '"
                        + text + "'");
            }
        };
    }
}
