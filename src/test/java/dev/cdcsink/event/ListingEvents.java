package dev.cdcsink.event;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.cdcsink.change.EventColumn;
import dev.cdcsink.change.KafkaCoordinates;
import dev.cdcsink.change.SourcePosition;
import dev.cdcsink.change.ValueKind;
import dev.cdcsink.event.decode.ConnectDecimal;
import dev.cdcsink.event.decode.FieldDecoder;
import dev.cdcsink.event.decode.FieldDecoders;
import dev.cdcsink.event.decode.FieldSchema;
import dev.cdcsink.event.decode.MicroTimestamp;
import dev.cdcsink.generator.Listing;
import dev.cdcsink.support.DebeziumEvents;
import dev.cdcsink.support.Listings;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hand-built schemaless {@code listings} change events, encoded as the Debezium MySQL connector
 * encodes them by default (DECIMAL as base64 unscaled bytes, DATETIME(6) as epoch microseconds),
 * and the decoding a target {@code listings} table gives messages without a schema. For the
 * parser's handling of every way an event can be malformed; real events are in the fixtures.
 */
final class ListingEvents {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final KafkaCoordinates AT = new KafkaCoordinates("cdc.shop.listings", 2, 1234, 1795301764999L);
    static final SourcePosition POSITION = SourcePosition.binlog(3, 4711, false);
    /** How a target listings table (BIGINT, text, DECIMAL(12,2), DATETIME(6)) decodes schemaless rows. */
    static final SchemalessSchemas LISTINGS_TABLE = (table, topic) -> Tables.PRECISE;
    /** The same table for a connector with decimal.handling.mode=string. */
    static final SchemalessSchemas LISTINGS_TABLE_DECIMAL_TEXT = (table, topic) -> Tables.TEXT;

    /** Holder: built on first use, after the constants it reads. */
    private static final class Tables {
        static final SchemalessTable PRECISE = schemaless(false);
        static final SchemalessTable TEXT = schemaless(true);
    }
    static final long SOURCE_TS_MS = 1795301764000L;

    private ListingEvents() {
    }

    static Listing listing(long id) {
        return new Listing(id, 7L, "Kadıköy'de satılık 2+1 daire 🏠", "emlak", "İstanbul", new BigDecimal("1234567.89"),
                "TRY", "active", LocalDateTime.of(2026, 11, 21, 22, 56, 4, 455_160_000),
                LocalDateTime.of(2026, 11, 21, 23, 0, 0, 999_999_000));
    }

    static ObjectNode row(Listing listing) {
        return (ObjectNode) DebeziumEvents.listings().row(Listings.row(listing));
    }

    private static SchemalessTable schemaless(boolean decimalText) {
        Map<String, SchemalessTable.Column> columns = new LinkedHashMap<>();
        FieldDecoder micros = new MicroTimestamp().decoder(FieldSchema.of("int64", MicroTimestamp.NAME, Map.of()));
        column(columns, "id", ValueKind.INTEGER, FieldDecoders.INT64);
        column(columns, "seller_id", ValueKind.INTEGER, FieldDecoders.INT64);
        for (String text : List.of("title", "category", "city")) {
            column(columns, text, ValueKind.STRING, FieldDecoders.STRING);
        }
        if (decimalText) {
            column(columns, "price", ValueKind.STRING, FieldDecoders.STRING);
        } else {
            column(columns, "price", ValueKind.DECIMAL, ConnectDecimal.withScale(2));
        }
        column(columns, "currency", ValueKind.STRING, FieldDecoders.STRING);
        column(columns, "status", ValueKind.STRING, FieldDecoders.STRING);
        column(columns, "created_at", ValueKind.DATETIME, micros);
        column(columns, "updated_at", ValueKind.DATETIME, micros);
        return new SchemalessTable("listings", columns, List.of("id"));
    }

    private static void column(Map<String, SchemalessTable.Column> columns, String name, ValueKind kind,
            FieldDecoder decoder) {
        columns.put(name, new SchemalessTable.Column(new EventColumn(name, kind, true, "x", null, Map.of()), decoder));
    }

    static long micros(LocalDateTime dateTime) {
        return dateTime.toEpochSecond(ZoneOffset.UTC) * 1_000_000 + dateTime.getNano() / 1_000;
    }

    static ObjectNode envelope(String op, JsonNode before, JsonNode after) {
        ObjectNode event = JSON.createObjectNode();
        event.set("before", before);
        event.set("after", after);
        ObjectNode source = event.putObject("source");
        source.put("version", "3.5.0.Final");
        source.put("connector", "mysql");
        source.put("ts_ms", SOURCE_TS_MS);
        source.put("snapshot", "false");
        source.put("db", "shop");
        source.put("table", "listings");
        source.put("file", "mysql-bin.000003");
        source.put("pos", 4711);
        source.put("row", 1);
        event.put("op", op);
        event.put("ts_ms", SOURCE_TS_MS + 321);
        return event;
    }

    /** A row flattened by ExtractNewRecordState with the add.fields the design asks for. */
    static ObjectNode flattened(String op, Listing listing, Object deleted) {
        ObjectNode row = row(listing);
        row.put("__op", op);
        row.put("__source_ts_ms", SOURCE_TS_MS);
        row.put("__source_file", "mysql-bin.000003");
        row.put("__source_pos", 4711);
        row.put("__source_row", 1);
        row.put("__source_snapshot", "false");
        if (deleted instanceof Boolean flag) {
            row.put("__deleted", flag);
        } else {
            row.put("__deleted", (String) deleted);
        }
        return row;
    }

    static byte[] key(long id) {
        return bytes(JSON.createObjectNode().put("id", id));
    }

    static byte[] bytes(JsonNode node) {
        return JSON.writeValueAsBytes(node);
    }
}
