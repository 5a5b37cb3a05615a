package dev.cdcsink.event;

import static dev.cdcsink.event.decode.FailureKind.UNSUPPORTED_ENCODING;

import java.util.Locale;
import java.util.Set;

import dev.cdcsink.change.EventColumn;
import dev.cdcsink.event.EventProperties.BinaryHandlingMode;
import dev.cdcsink.event.decode.DecodeException;
import dev.cdcsink.event.decode.FieldDecoder;
import dev.cdcsink.event.decode.FieldSchema;
import dev.cdcsink.event.decode.JsonValues;

/**
 * Byte strings the connector sent as text ({@code binary.handling.mode} base64, base64-url-safe or
 * hex): where the schema says the source column is binary ({@code column.propagate.source.type}),
 * the text is decoded back to the bytes, so the column is bytes again, in the target too.
 */
final class BinaryText {

    private static final Set<String> BINARY_TYPES = Set.of("BINARY", "VARBINARY", "TINYBLOB", "BLOB", "MEDIUMBLOB",
            "LONGBLOB", "BYTEA");

    private final BinaryHandlingMode mode;

    BinaryText(BinaryHandlingMode mode) {
        this.mode = mode;
    }

    /** The decoder of a text field that is a binary source column's bytes; null for any other field. */
    FieldDecoder decoderFor(FieldSchema field) {
        String sourceType = field.parameter(EventColumn.SOURCE_TYPE);
        if (mode == BinaryHandlingMode.BYTES || !"string".equals(field.type()) || field.name() != null
                || sourceType == null || !BINARY_TYPES.contains(sourceType.toUpperCase(Locale.ROOT))) {
            return null;
        }
        return value -> {
            try {
                return mode.decode(JsonValues.text(value));
            } catch (IllegalArgumentException e) {
                throw new DecodeException(UNSUPPORTED_ENCODING, "expected " + mode.setting()
                        + " text (cdc-sink.events.binary-handling-mode), got " + JsonValues.describe(value));
            }
        };
    }
}
