package dev.cdcsink.event;

import static dev.cdcsink.event.ParseFailure.Kind.MALFORMED_JSON;

import dev.cdcsink.event.decode.DecodeException;
import dev.cdcsink.event.decode.DecodedRow;
import dev.cdcsink.event.decode.RowPlan;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decodes the key and value of a Debezium change event of one table into a {@link DecodedChange}:
 * envelope or flattened row, with or without schemas. Rows are decoded by the message's schema
 * when it has one, else by the encodings the table's column types get under the configured
 * connector settings. Thread-safe.
 */
public final class ChangeEventDecoder {

    private final MessageReader reader;
    private final RowPlan impliedPlan;

    public ChangeEventDecoder(Table table, EventProperties settings) {
        this.reader = new MessageReader(JsonMapper.builder().build());
        this.impliedPlan = table.impliedPlan(settings);
    }

    /**
     * @param key   the record key; null when the record has none
     * @param value the record value; not null (a null value is a tombstone, which has nothing to decode)
     * @throws DecodeException with the failure kind and a message naming the field
     */
    public DecodedChange decode(byte[] key, byte[] value) {
        JsonMessage message = reader.read(value, "value");
        if (message == null) {
            throw new DecodeException(MALFORMED_JSON, "value: the JSON literal null is no change event");
        }
        Envelope envelope = EnvelopeReader.read(message.payload());
        RowPlan plan = message.rowPlan() != null ? message.rowPlan() : impliedPlan;
        return new DecodedChange(
                envelope.op(),
                decodeKey(key),
                row(envelope.before(), plan, "before"),
                row(envelope.after(), plan, "after"),
                envelope.position(),
                envelope.sourceTimestamp());
    }

    private DecodedRow decodeKey(byte[] key) {
        JsonMessage message = key == null ? null : reader.read(key, "key");
        if (message == null || message.payload().isNull()) {
            return null;
        }
        return message.rowPlan() != null ? message.rowPlan().decode(message.payload(), "key")
                : impliedPlan.decode(message.payload(), "key");
    }

    private static DecodedRow row(JsonNode row, RowPlan plan, String path) {
        return row == null ? null : plan.decode(row, path);
    }
}
