package dev.cdcsink.event;

import dev.cdcsink.event.EventProperties.DecimalHandlingMode;
import dev.cdcsink.event.EventProperties.TimePrecisionMode;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import dev.cdcsink.support.DebeziumEvents;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hand-built schemaless {@code listings} change events, encoded as the Debezium MySQL connector
 * encodes them by default (DECIMAL as base64 unscaled bytes, DATETIME(6) as epoch microseconds).
 */
final class ListingEvents {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final KafkaCoordinates AT = new KafkaCoordinates("cdc.shop.listings", 2, 1234, 1795301764999L);
    static final EventProperties PRECISE_SCALE_2 =
            new EventProperties(DecimalHandlingMode.PRECISE, 2, TimePrecisionMode.ADAPTIVE_TIME_MICROSECONDS);
    static final SourcePosition POSITION = new SourcePosition(3, 4711, false);
    static final long SOURCE_TS_MS = 1795301764000L;

    private ListingEvents() {
    }

    static Listing listing(long id) {
        return new Listing(id, 7L, "Kadıköy'de satılık 2+1 daire 🏠", "emlak", "İstanbul", new BigDecimal("1234567.89"),
                "TRY", "active", LocalDateTime.of(2026, 11, 21, 22, 56, 4, 455_160_000),
                LocalDateTime.of(2026, 11, 21, 23, 0, 0, 999_999_000));
    }

    static ObjectNode row(Listing listing) {
        return (ObjectNode) DebeziumEvents.row(listing);
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
