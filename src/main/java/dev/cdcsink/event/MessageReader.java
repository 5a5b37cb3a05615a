package dev.cdcsink.event;

import static dev.cdcsink.event.decode.FailureKind.MALFORMED_JSON;

import dev.cdcsink.event.decode.DecodeException;
import dev.cdcsink.event.decode.FailureKind;
import dev.cdcsink.event.decode.FieldSchema;
import dev.cdcsink.change.EventColumn;
import dev.cdcsink.change.ValueKind;
import dev.cdcsink.event.decode.FieldDecoder;
import dev.cdcsink.event.decode.FieldDecoders;
import dev.cdcsink.event.decode.RowPlan;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a key or value written by Kafka Connect's JSON converter, with or without the
 * {@code {"schema": …, "payload": …}} wrapper. The schema is not built into a tree per record:
 * its bytes are looked up in a {@link SchemaCache}. For the converter's compact output with a
 * schema seen before, the schema is not even tokenised: its bytes are compared and only the
 * payload is parsed. Anything else takes the general path.
 */
final class MessageReader {

    private static final String SCHEMA = "schema";
    private static final String PAYLOAD = "payload";
    private static final int MAX_MESSAGE_EXCERPT = 200;
    private static final byte[] SCHEMA_FIRST = "{\"schema\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] THEN_PAYLOAD = ",\"payload\":".getBytes(StandardCharsets.US_ASCII);

    private final JsonMapper mapper;
    private final BinaryText binaryText;
    private final UnavailableValues unavailable;
    private final SchemaCache schemas = new SchemaCache();

    MessageReader(JsonMapper mapper) {
        this(mapper, new BinaryText(EventProperties.BinaryHandlingMode.BYTES), UnavailableValues.DEFAULT);
    }

    MessageReader(JsonMapper mapper, BinaryText binaryText, UnavailableValues unavailable) {
        this.mapper = mapper;
        this.binaryText = binaryText;
        this.unavailable = unavailable;
    }

    /**
     * @param what {@code key} or {@code value}, for failure messages
     * @return the message, or null when the bytes are the JSON literal {@code null}
     * @throws DecodeException {@code MALFORMED_JSON} when the bytes are not one JSON object (or null)
     */
    JsonMessage read(byte[] bytes, String what) {
        if (bytes.length == 0) {
            throw new DecodeException(MALFORMED_JSON, what + ": empty, not JSON");
        }
        JsonMessage known = readWithKnownSchema(bytes);
        if (known != null) {
            return known;
        }
        try (JsonParser parser = mapper.createParser(bytes)) {
            return read(parser, bytes, what);
        } catch (JacksonException e) {
            String message = e.getOriginalMessage();
            if (message.length() > MAX_MESSAGE_EXCERPT) {
                message = message.substring(0, MAX_MESSAGE_EXCERPT) + "…";
            }
            long offset = e.getLocation() == null ? -1 : e.getLocation().getByteOffset();
            throw new DecodeException(MALFORMED_JSON, what + ": not valid JSON at byte " + offset + ": " + message);
        }
    }

    /** {@code {"schema":<cached>,"payload":<P>}}: parses P alone; null when the bytes are not of that form. */
    private JsonMessage readWithKnownSchema(byte[] bytes) {
        if (!Arrays.equals(bytes, 0, Math.min(bytes.length, SCHEMA_FIRST.length), SCHEMA_FIRST, 0, SCHEMA_FIRST.length)) {
            return null;
        }
        SchemaCache.Entry schema = schemas.startingAt(bytes, SCHEMA_FIRST.length);
        if (schema == null) {
            return null;
        }
        int payloadFrom = SCHEMA_FIRST.length + schema.schema().length;
        int afterPayloadName = payloadFrom + THEN_PAYLOAD.length;
        if (afterPayloadName > bytes.length
                || !Arrays.equals(bytes, payloadFrom, afterPayloadName, THEN_PAYLOAD, 0, THEN_PAYLOAD.length)) {
            return null;
        }
        int closing = bytes.length - 1;
        while (closing > afterPayloadName && isJsonWhitespace(bytes[closing])) {
            closing--;
        }
        if (bytes[closing] != '}') {
            return null;
        }
        try (JsonParser parser = mapper.createParser(bytes, afterPayloadName, closing - afterPayloadName)) {
            JsonNode payload = parser.nextToken() == null ? null : parser.readValueAsTree();
            // Whatever is odd here (malformed, a second value) is left to the general path to report.
            return payload == null || parser.nextToken() != null ? null : new JsonMessage(schema.compiled(), payload);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static boolean isJsonWhitespace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    private JsonMessage read(JsonParser parser, byte[] bytes, String what) {
        JsonToken first = parser.nextToken();
        JsonMessage message;
        if (first == JsonToken.VALUE_NULL) {
            message = null;
        } else if (first == JsonToken.START_OBJECT) {
            message = readObject(parser, bytes);
        } else {
            throw new DecodeException(MALFORMED_JSON, what + ": expected a JSON object, got a JSON " + describe(first));
        }
        if (parser.nextToken() != null) {
            throw new DecodeException(MALFORMED_JSON, what + ": unexpected content after the JSON " + describe(first));
        }
        return message;
    }

    private JsonMessage readObject(JsonParser parser, byte[] bytes) {
        ObjectNode fields = mapper.createObjectNode();
        int schemaFrom = -1;
        int schemaTo = -1;
        for (String name = parser.nextName(); name != null; name = parser.nextName()) {
            if (parser.nextToken() == JsonToken.START_OBJECT && SCHEMA.equals(name)) {
                schemaFrom = (int) parser.currentTokenLocation().getByteOffset();
                parser.skipChildren();
                schemaTo = (int) parser.currentLocation().getByteOffset();
            } else {
                fields.set(name, parser.readValueAsTree());
            }
        }
        if (fields.size() == 1 && fields.has(PAYLOAD) && schemaFrom >= 0) {
            int from = schemaFrom;
            int to = schemaTo;
            return new JsonMessage(schemas.compiled(bytes, from, to, () -> compile(bytes, from, to)), fields.get(PAYLOAD));
        }
        if (fields.size() == 2 && fields.has(PAYLOAD) && fields.path(SCHEMA).isNull()) {
            return new JsonMessage(null, fields.get(PAYLOAD));
        }
        // Not the wrapper: the object is the payload itself (a schemaless row may have a column named "schema").
        if (schemaFrom >= 0) {
            fields.set(SCHEMA, mapper.readTree(bytes, schemaFrom, schemaTo - schemaFrom));
        }
        return new JsonMessage(null, fields);
    }

    private CompiledSchema compile(byte[] bytes, int from, int to) {
        FieldSchema row = EnvelopeReader.rowSchema(FieldSchema.parse(mapper.readTree(bytes, from, to - from)));
        if (!"struct".equals(row.type())) {
            throw new DecodeException(FailureKind.WRONG_TYPE, "schema: a change event's rows and keys are structs, "
                    + "this schema is of type " + row.type());
        }
        List<EventColumn> columns = new ArrayList<>();
        List<FieldDecoder> decoders = new ArrayList<>();
        for (FieldSchema f : row.fields()) {
            FieldDecoder fromText = binaryText.decoderFor(f);
            columns.add(new EventColumn(f.field(), fromText != null ? ValueKind.BYTES : FieldDecoders.kindOf(f),
                    f.optional(), f.type(), f.name(), f.parameters()));
            try {
                decoders.add(unavailable.wrap(fromText != null ? fromText : FieldDecoders.forSchema(f),
                        columns.get(columns.size() - 1).kind()));
            } catch (DecodeException e) {
                throw e.at("schema of field '" + f.field() + "'");
            }
        }
        return new CompiledSchema(columns, RowPlan.of(columns.stream().map(EventColumn::name).toList(), decoders,
                "the message's schema has no such field"));
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_OBJECT -> "object";
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> token.name();
        };
    }
}
