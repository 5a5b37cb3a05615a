package dev.cdcsink.event;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import dev.cdcsink.change.Row;
import dev.cdcsink.change.ValueKind;
import dev.cdcsink.event.decode.FieldDecoder;

/**
 * Debezium's placeholder for a value the source did not log: PostgreSQL leaves an unchanged TOAST
 * value (a large text, bytea, JSON) out of an update unless the table has {@code REPLICA IDENTITY
 * FULL}, and the connector sends its {@code unavailable.value.placeholder} instead. Such a value
 * decodes as {@link Row#UNAVAILABLE}, so that the sink keeps what the target holds rather than
 * write the placeholder. A byte string carries the placeholder's bytes, which arrive as text in
 * one of the binary encodings; each is recognised.
 *
 * <p>The placeholder is the connector's {@code unavailable.value.placeholder}: Debezium's default
 * unless {@code cdc-sink.events.unavailable-value-placeholder} says otherwise (it must mirror the
 * connector's setting).
 */
public final class UnavailableValues {

    /** Debezium's default {@code unavailable.value.placeholder}. */
    public static final String PLACEHOLDER = "__debezium_unavailable_value";

    /** Debezium's default placeholder. */
    public static final UnavailableValues DEFAULT = new UnavailableValues(PLACEHOLDER);

    private final Set<String> texts;

    /** @param placeholder the connector's {@code unavailable.value.placeholder} */
    public UnavailableValues(String placeholder) {
        byte[] bytes = placeholder.getBytes(StandardCharsets.UTF_8);
        // Set.copyOf: the two base64 alphabets may spell it alike
        texts = Set.copyOf(List.of(placeholder, Base64.getEncoder().encodeToString(bytes),
                Base64.getUrlEncoder().encodeToString(bytes), HexFormat.of().formatHex(bytes)));
    }

    /** The decoder of a column of that kind, returning {@link Row#UNAVAILABLE} for the placeholder. */
    public FieldDecoder wrap(FieldDecoder decoder, ValueKind kind) {
        if (kind != ValueKind.STRING && kind != ValueKind.BYTES) {
            return decoder;
        }
        return value -> value.isString() && texts.contains(value.stringValue()) ? Row.UNAVAILABLE : decoder.decode(value);
    }
}
