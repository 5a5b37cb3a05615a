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
 * <p>Only Debezium's default placeholder is recognised: the connector's setting must keep it.
 */
public final class UnavailableValues {

    /** Debezium's default {@code unavailable.value.placeholder}. */
    public static final String PLACEHOLDER = "__debezium_unavailable_value";

    private static final Set<String> TEXTS;

    static {
        byte[] bytes = PLACEHOLDER.getBytes(StandardCharsets.UTF_8);
        // Set.copyOf: the two base64 alphabets may spell it alike
        TEXTS = Set.copyOf(List.of(PLACEHOLDER, Base64.getEncoder().encodeToString(bytes),
                Base64.getUrlEncoder().encodeToString(bytes), HexFormat.of().formatHex(bytes)));
    }

    private UnavailableValues() {
    }

    /** The decoder of a column of that kind, returning {@link Row#UNAVAILABLE} for the placeholder. */
    public static FieldDecoder wrap(FieldDecoder decoder, ValueKind kind) {
        if (kind != ValueKind.STRING && kind != ValueKind.BYTES) {
            return decoder;
        }
        return value -> value.isString() && TEXTS.contains(value.stringValue()) ? Row.UNAVAILABLE : decoder.decode(value);
    }
}
