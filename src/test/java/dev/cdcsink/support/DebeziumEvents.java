package dev.cdcsink.support;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerRecord;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.cdcsink.change.EventSchema;
import dev.cdcsink.change.Geometry;
import dev.cdcsink.change.KafkaCoordinates;
import dev.cdcsink.change.Row;
import dev.cdcsink.change.RowChange;
import dev.cdcsink.change.RowKey;
import dev.cdcsink.event.ChangeEventParser;
import dev.cdcsink.event.ParseResult;

/**
 * Renders {@link RowChange}s of one table as Kafka Connect's JsonConverter writes the connector's
 * events. The schemas are taken verbatim from an event the real Debezium 3.5 engine produced
 * (a captured {@code c.json}); only payloads are built, each value encoded as its field's schema
 * says (the inverse of the sink's decoders). The table's {@link EventSchema} is the one the sink's
 * own parser makes of that fixture, so rows built for it are rows the sink would decode.
 */
public final class DebeziumEvents {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, DebeziumEvents> LOADED = new HashMap<>();

    private final JsonNode keySchema;
    private final JsonNode valueSchema;
    private final JsonNode sourceTemplate;
    private final Map<String, JsonNode> fieldSchemas = new HashMap<>();
    private final EventSchema schema;

    private DebeziumEvents(JsonNode fixture) {
        this.keySchema = fixture.get("key").get("schema");
        this.valueSchema = fixture.get("value").get("schema");
        this.sourceTemplate = fixture.get("value").get("payload").get("source");
        for (JsonNode field : valueSchema.get("fields")) {
            if (field.get("field").asString().equals("after")) {
                field.get("fields").forEach(f -> fieldSchemas.put(f.get("field").asString(), f));
            }
        }
        ChangeEventParser parser = new ChangeEventParser((table, topic) -> {
            throw new IllegalStateException("the fixture carries its schema");
        });
        ParseResult parsed = parser.parse(new KafkaCoordinates("fixture", 0, 0, 0),
                JSON.writeValueAsBytes(fixture.get("key")), JSON.writeValueAsBytes(fixture.get("value")));
        if (!(parsed instanceof ParseResult.Change change)) {
            throw new IllegalStateException("the fixture does not parse: " + parsed);
        }
        this.schema = change.change().schema();
    }

    /** The events of the table captured in {@code /debezium-events/<fixture>} (a {@code c.json}). */
    public static synchronized DebeziumEvents of(String fixture) {
        return LOADED.computeIfAbsent(fixture, f -> {
            try (InputStream in = DebeziumEvents.class.getResourceAsStream("/debezium-events/" + f)) {
                if (in == null) {
                    throw new IllegalStateException("missing fixture " + f);
                }
                return new DebeziumEvents(JSON.readTree(in));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The {@code listings} events: schemas on, precise decimals, DATETIME(6) as micro-timestamps. */
    public static DebeziumEvents listings() {
        return of("listings/schemas-precise/c.json");
    }

    /** The schema the sink parses these events to; rows for it have their values in its column order. */
    public EventSchema schema() {
        return schema;
    }

    public ProducerRecord<byte[], byte[]> record(String topic, RowChange change) {
        return new ProducerRecord<>(topic, key(change.key()), value(change));
    }

    /** The tombstone Debezium writes after a delete: the key, and a null value. */
    public ProducerRecord<byte[], byte[]> tombstone(String topic, RowKey key) {
        return new ProducerRecord<>(topic, key(key), null);
    }

    public byte[] key(RowKey key) {
        ObjectNode message = JSON.createObjectNode();
        message.set("schema", keySchema);
        ObjectNode payload = message.putObject("payload");
        for (int i = 0; i < schema.keyColumns().size(); i++) {
            String column = schema.keyColumns().get(i);
            payload.set(column, encode(key.get(i), fieldSchemas.get(column)));
        }
        return JSON.writeValueAsBytes(message);
    }

    public byte[] value(RowChange change) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.set("schema", valueSchema);
        ObjectNode payload = envelope.putObject("payload");
        payload.set("before", row(change.before()));
        payload.set("after", row(change.after()));
        ObjectNode source = (ObjectNode) sourceTemplate.deepCopy();
        long tsMs = change.sourceTimestamp().toEpochMilli();
        source.put("ts_ms", tsMs);
        source.put("ts_us", tsMs * 1000);
        source.put("ts_ns", tsMs * 1_000_000);
        source.put("snapshot", change.position().snapshot() ? "true" : "false");
        source.put("db", change.table().database());
        source.put("table", change.table().table());
        source.put("file", String.format("mysql-bin.%06d", change.position().fileIndex()));
        source.put("pos", change.position().position());
        source.put("row", 0);
        payload.set("source", source);
        payload.putNull("transaction");
        payload.put("op", change.op().code());
        payload.put("ts_ms", tsMs + 5);
        payload.put("ts_us", (tsMs + 5) * 1000);
        payload.put("ts_ns", (tsMs + 5) * 1_000_000);
        return JSON.writeValueAsBytes(envelope);
    }

    /** A row image as the connector encodes it, field by field. */
    public JsonNode row(Row row) {
        if (row == null) {
            return JSON.nullNode();
        }
        ObjectNode json = JSON.createObjectNode();
        for (int i = 0; i < schema.columns().size(); i++) {
            String column = schema.columns().get(i).name();
            json.set(column, encode(row.get(i), fieldSchemas.get(column)));
        }
        return json;
    }

    /** The inverse of the sink's decoders, for the types its test tables use. */
    private static JsonNode encode(Object value, JsonNode fieldSchema) {
        if (value == null) {
            return JSON.nullNode();
        }
        String name = fieldSchema.path("name").asString("");
        return switch (name) {
            case "org.apache.kafka.connect.data.Decimal" -> JSON.getNodeFactory().stringNode(Base64.getEncoder()
                    .encodeToString(((BigDecimal) value).setScale(Integer.parseInt(fieldSchema.get("parameters")
                            .get("scale").asString())).unscaledValue().toByteArray()));
            case "io.debezium.time.MicroTimestamp" -> JSON.getNodeFactory().numberNode(micros((LocalDateTime) value));
            case "io.debezium.time.Timestamp", "org.apache.kafka.connect.data.Timestamp" ->
                    JSON.getNodeFactory().numberNode(micros((LocalDateTime) value) / 1000);
            case "io.debezium.time.Date", "org.apache.kafka.connect.data.Date" ->
                    JSON.getNodeFactory().numberNode((int) ((LocalDate) value).toEpochDay());
            case "io.debezium.time.MicroTime" -> JSON.getNodeFactory().numberNode(((Duration) value).toNanos() / 1000);
            case "io.debezium.time.ZonedTimestamp" -> JSON.getNodeFactory().stringNode(((Instant) value).toString());
            case "io.debezium.data.Bits" -> JSON.getNodeFactory().stringNode(Base64.getEncoder()
                    .encodeToString(reversed((byte[]) value)));
            case "io.debezium.data.geometry.Geometry", "io.debezium.data.geometry.Point" -> {
                Geometry geometry = (Geometry) value;
                ObjectNode struct = JSON.createObjectNode();
                if (name.endsWith("Point")) {
                    // a point's coordinates beside its WKB (1 byte order, 4 type, then x and y), as the connector sends them
                    ByteBuffer wkb = ByteBuffer.wrap(geometry.wkb()).order(ByteOrder.LITTLE_ENDIAN);
                    struct.put("x", wkb.getDouble(5));
                    struct.put("y", wkb.getDouble(13));
                }
                struct.put("wkb", Base64.getEncoder().encodeToString(geometry.wkb()));
                if (geometry.srid() != null) {
                    struct.put("srid", geometry.srid());
                }
                yield struct;
            }
            default -> plain(value);
        };
    }

    private static JsonNode plain(Object value) {
        if (value instanceof Long l) {
            return JSON.getNodeFactory().numberNode(l);
        }
        if (value instanceof Double d) {
            return JSON.getNodeFactory().numberNode(d);
        }
        if (value instanceof Float f) {
            return JSON.getNodeFactory().numberNode(f);
        }
        if (value instanceof Boolean b) {
            return JSON.getNodeFactory().booleanNode(b);
        }
        if (value instanceof byte[] bytes) {
            return JSON.getNodeFactory().stringNode(Base64.getEncoder().encodeToString(bytes));
        }
        return JSON.getNodeFactory().stringNode(value.toString());
    }

    private static byte[] reversed(byte[] bytes) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[bytes.length - 1 - i];
        }
        return out;
    }

    /** DATETIME read as UTC, in microseconds since the epoch. */
    private static long micros(LocalDateTime value) {
        return value.toEpochSecond(ZoneOffset.UTC) * 1_000_000 + value.getNano() / 1_000;
    }
}
