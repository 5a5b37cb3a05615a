package dev.cdcsink.support;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

import org.apache.kafka.clients.producer.ProducerRecord;

import dev.cdcsink.event.Listing;
import dev.cdcsink.event.ListingChange;
import dev.cdcsink.event.Op;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders {@link ListingChange}s as Kafka Connect's JsonConverter writes the MariaDB connector's
 * events (schemas enabled, precise decimals, DATETIME(6) as micro-timestamps). The schemas are
 * taken verbatim from an event the real Debezium 3.5 engine produced; only payloads are built.
 */
public final class DebeziumEvents {

    private static final String FIXTURE = "/debezium-events/listings/schemas-precise/c.json";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JsonNode keySchema;
    private final JsonNode valueSchema;
    private final JsonNode sourceTemplate;

    private DebeziumEvents(JsonNode fixture) {
        this.keySchema = fixture.get("key").get("schema");
        this.valueSchema = fixture.get("value").get("schema");
        this.sourceTemplate = fixture.get("value").get("payload").get("source");
    }

    public static DebeziumEvents load() {
        try (InputStream in = DebeziumEvents.class.getResourceAsStream(FIXTURE)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + FIXTURE);
            }
            return new DebeziumEvents(JSON.readTree(in));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public ProducerRecord<byte[], byte[]> record(String topic, ListingChange change) {
        return new ProducerRecord<>(topic, key(change.id()), value(change));
    }

    /** The tombstone Debezium writes after a delete: the key, and a null value. */
    public ProducerRecord<byte[], byte[]> tombstone(String topic, long id) {
        return new ProducerRecord<>(topic, key(id), null);
    }

    public byte[] key(long id) {
        ObjectNode key = JSON.createObjectNode();
        key.set("schema", keySchema);
        key.putObject("payload").put("id", id);
        return JSON.writeValueAsBytes(key);
    }

    public byte[] value(ListingChange change) {
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

    /** A row as the connector encodes it by default: precise decimals, DATETIME(6) as micro-timestamps. */
    public static JsonNode row(Listing listing) {
        if (listing == null) {
            return JSON.nullNode();
        }
        ObjectNode row = JSON.createObjectNode();
        row.put("id", listing.id());
        row.put("seller_id", listing.sellerId());
        row.put("title", listing.title());
        row.put("category", listing.category());
        row.put("city", listing.city());
        row.put("price", decimal(listing.price()));
        row.put("currency", listing.currency());
        row.put("status", listing.status());
        row.put("created_at", micros(listing.createdAt()));
        row.put("updated_at", micros(listing.updatedAt()));
        return row;
    }

    /** Connect's Decimal: the unscaled value, big-endian two's complement, base64. */
    private static String decimal(BigDecimal value) {
        return Base64.getEncoder().encodeToString(value.setScale(2).unscaledValue().toByteArray());
    }

    /** io.debezium.time.MicroTimestamp: DATETIME read as UTC, microseconds since the epoch. */
    private static Long micros(LocalDateTime value) {
        return value == null ? null : ChronoUnit.MICROS.between(LocalDateTime.of(1970, 1, 1, 0, 0), value);
    }

}
