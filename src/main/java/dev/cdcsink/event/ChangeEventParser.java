package dev.cdcsink.event;

import static dev.cdcsink.event.decode.FailureKind.INVALID_VALUE;
import static dev.cdcsink.event.decode.FailureKind.MALFORMED_JSON;
import static dev.cdcsink.event.decode.FailureKind.MISSING_FIELD;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.cdcsink.change.EventColumn;
import dev.cdcsink.change.EventSchema;
import dev.cdcsink.change.KafkaCoordinates;
import dev.cdcsink.change.Op;
import dev.cdcsink.change.Row;
import dev.cdcsink.change.RowChange;
import dev.cdcsink.change.RowKey;
import dev.cdcsink.change.TableId;
import dev.cdcsink.event.decode.DecodeException;
import dev.cdcsink.event.decode.FailureKind;
import dev.cdcsink.event.decode.RowPlan;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a Kafka record of a Debezium change topic into a {@link ParseResult}: a change of a row of
 * any table, a tombstone, or a failure that says what is wrong where. Never throws for bad input.
 * Thread-safe: one instance serves every listener and parse thread.
 *
 * <p>A message that carries its schema is decoded by it (compiled once per schema); one without a
 * schema by the target table's columns, which {@link SchemalessSchemas} provides (when it cannot read
 * them now, the parse fails with {@link TargetUnavailableException}, to be retried). The source table
 * is the one the event's {@code source} block names, or for a flattened row without it, the last
 * two parts of the topic name ({@code <prefix>.<db>.<table>}).
 */
public final class ChangeEventParser {

    private record SchemaPair(CompiledSchema value, CompiledSchema key) {
    }

    private final MessageReader reader;
    private final SchemalessSchemas schemaless;
    /** Bounded like the schema cache: a pair whose schemas left it is dropped with the rest, and compiled again if seen. */
    private static final int MAX_PAIRS = 256;

    private final Map<SchemaPair, EventSchema> eventSchemas = new ConcurrentHashMap<>();

    public ChangeEventParser(SchemalessSchemas schemaless) {
        this(schemaless, EventProperties.BinaryHandlingMode.BYTES);
    }

    /** @param binaryHandlingMode the connector's {@code binary.handling.mode}, for byte strings sent as text */
    public ChangeEventParser(SchemalessSchemas schemaless, EventProperties.BinaryHandlingMode binaryHandlingMode) {
        this(schemaless, binaryHandlingMode, UnavailableValues.DEFAULT);
    }

    /** As the service configures it: the binary encoding and the unlogged-value placeholder from the settings. */
    public ChangeEventParser(SchemalessSchemas schemaless, EventProperties settings) {
        this(schemaless, settings.binaryHandlingMode(), new UnavailableValues(settings.unavailableValuePlaceholder()));
    }

    private ChangeEventParser(SchemalessSchemas schemaless, EventProperties.BinaryHandlingMode binaryHandlingMode,
            UnavailableValues unavailable) {
        this.schemaless = schemaless;
        this.reader = new MessageReader(JsonMapper.builder().build(), new BinaryText(binaryHandlingMode), unavailable);
    }

    /**
     * @param key   the record key bytes; null when the record has none
     * @param value the record value bytes; null for a tombstone
     */
    public ParseResult parse(KafkaCoordinates coordinates, byte[] key, byte[] value) {
        if (value == null) {
            return new ParseResult.Tombstone(coordinates);
        }
        try {
            JsonMessage message = reader.read(value, "value");
            String ignored = message == null ? null : EnvelopeReader.notAChange(message.payload());
            if (ignored != null) {
                return new ParseResult.Ignored(coordinates, ignored);
            }
            return new ParseResult.Change(decode(message, coordinates, key));
        } catch (DecodeException e) {
            return new ParseResult.Failure(coordinates, e.kind(), e.getMessage());
        } catch (TargetUnavailableException e) {
            // not the record's fault: retried like any transient failure
            throw e;
        } catch (RuntimeException e) {
            // A defect here, not bad input; still a failure for this record, so the partition is not stalled by it.
            return new ParseResult.Failure(coordinates, FailureKind.INVALID_VALUE,
                    "unexpected error decoding the record: " + e);
        }
    }

    private RowChange decode(JsonMessage message, KafkaCoordinates at, byte[] key) {
        if (message == null) {
            throw new DecodeException(MALFORMED_JSON, "value: the JSON literal null is no change event");
        }
        Envelope envelope = EnvelopeReader.read(message.payload());
        TableId table = envelope.table() != null ? envelope.table() : tableOfTopic(at.topic());
        JsonMessage keyMessage = key == null ? null : reader.read(key, "key");
        JsonNode keyPayload = keyMessage == null || keyMessage.payload().isNull() ? null : keyMessage.payload();

        EventSchema schema;
        RowPlan rows;
        RowPlan keys;
        if (message.schema() != null) {
            CompiledSchema keySchema = keyMessage == null ? null : keyMessage.schema();
            if (eventSchemas.size() > MAX_PAIRS) {
                eventSchemas.clear();
            }
            schema = eventSchemas.computeIfAbsent(new SchemaPair(message.schema(), keySchema),
                    pair -> eventSchema(pair.value(), pair.key()));
            rows = message.schema().plan();
            keys = keySchema == null ? null : keySchema.plan();
        } else {
            ObjectNode image = envelope.after() != null ? envelope.after() : envelope.before();
            if (image == null) {
                if (envelope.op() != Op.TRUNCATE) {
                    throw new DecodeException(MISSING_FIELD, "before: a delete without a schema needs the row before it");
                }
                return new RowChange(table, null, Op.TRUNCATE, null, null, null, envelope.position(),
                        envelope.sourceTimestamp(), at, envelope.sourceServer());
            }
            SchemalessTable.Layout layout = schemaless.forTable(table, at.topic()).layout(image);
            schema = layout.schema();
            rows = layout.rows();
            keys = layout.key();
        }
        Row before = row(envelope.before(), rows, "before");
        Row after = row(envelope.after(), rows, "after");
        RowKey rowKey = null;
        if (envelope.op() != Op.TRUNCATE) {
            if (keyPayload == null || keys == null) {
                throw new DecodeException(MISSING_FIELD, "key: the record has no key; cdc-sink needs the table's primary "
                        + "key as the record key (for a table without one, set the connector's message.key.columns)");
            }
            rowKey = new RowKey(keys.decode(keyPayload, "key"));
            requireSameKey(schema, rowKey, before, "before");
            requireSameKey(schema, rowKey, after, "after");
        }
        return new RowChange(table, schema, envelope.op(), rowKey, before, after, envelope.position(),
                envelope.sourceTimestamp(), at, envelope.sourceServer());
    }

    private static EventSchema eventSchema(CompiledSchema value, CompiledSchema key) {
        List<String> keyColumns = key == null ? List.of() : key.columns().stream().map(EventColumn::name).toList();
        for (String column : keyColumns) {
            if (value.columns().stream().noneMatch(c -> c.name().equals(column))) {
                throw new DecodeException(MISSING_FIELD, "key." + column + ": the key field is not a column of the row");
            }
        }
        return new EventSchema(value.columns(), keyColumns);
    }

    private static Row row(ObjectNode image, RowPlan plan, String path) {
        return image == null ? null : new Row(plan.decode(image, path));
    }

    /** Every row image of the change must hold the record key's values in its key columns. */
    private static void requireSameKey(EventSchema schema, RowKey key, Row row, String path) {
        if (row == null) {
            return;
        }
        List<String> keyColumns = schema.keyColumns();
        for (int i = 0; i < keyColumns.size(); i++) {
            Object value = row.get(schema.indexOf(keyColumns.get(i)));
            if (value != Row.UNAVAILABLE && !new RowKey(value).equals(new RowKey(key.get(i)))) {
                throw new DecodeException(INVALID_VALUE, path + "." + keyColumns.get(i) + ": " + new RowKey(value)
                        + " disagrees with the record key's " + new RowKey(key.get(i)));
            }
        }
    }

    /** The table of a row that does not name it: Debezium's topic naming. */
    private static TableId tableOfTopic(String topic) {
        return TableId.ofTopic(topic).orElseThrow(() -> new DecodeException(MISSING_FIELD, "source: the event names no "
                + "table and topic '" + topic + "' is not <prefix>.<db>.<table>; add source.db and source.table to "
                + "ExtractNewRecordState's add.fields"));
    }
}
