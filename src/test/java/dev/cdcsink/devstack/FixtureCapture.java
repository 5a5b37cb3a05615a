package dev.cdcsink.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.awaitility.Awaitility;

import dev.cdcsink.devstack.DebeziumCapture.CapturedRecord;
import dev.cdcsink.support.MariaDbServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Regenerates the Debezium event fixtures under
 * {@code src/test/resources/debezium-events/listings/<variant>/<name>.json} from the real engine
 * and a real MariaDB binlog. Not part of the test run; see the README beside the fixtures for the
 * command. Each variant gets a fresh database and fresh engine state, rows that exist before the
 * engine starts (snapshot reads), then a scripted series of changes. The first record of each
 * kind becomes {@code c r u d t} or {@code tombstone}; a summary of every record is printed.
 */
public final class FixtureCapture {

    private static final String TOPIC_PREFIX = "cdc";
    private static final String DATABASE = "shop";
    private static final long SENTINEL_ID = 99;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Map<String, String> FLATTENED = Map.of(
            "transforms", "unwrap",
            "transforms.unwrap.type", "io.debezium.transforms.ExtractNewRecordState",
            "transforms.unwrap.add.fields", "op,source.ts_ms,source.file,source.pos,source.row,source.snapshot",
            "transforms.unwrap.delete.tombstone.handling.mode", "rewrite");

    private enum Table { LISTINGS, TYPESAMPLE }

    private record Variant(String name, Table table, boolean schemas, Map<String, String> settings) {
    }

    private static List<Variant> variants() {
        return List.of(
                new Variant("schemas-precise", Table.LISTINGS, true, Map.of("decimal.handling.mode", "precise")),
                new Variant("schemas-string", Table.LISTINGS, true, Map.of("decimal.handling.mode", "string")),
                new Variant("schemas-double", Table.LISTINGS, true, Map.of("decimal.handling.mode", "double")),
                new Variant("schemas-connect-time", Table.LISTINGS, true, Map.of("time.precision.mode", "connect")),
                new Variant("noschemas-precise", Table.LISTINGS, false, Map.of("decimal.handling.mode", "precise")),
                new Variant("noschemas-string", Table.LISTINGS, false, Map.of("decimal.handling.mode", "string")),
                new Variant("flattened-schemas", Table.LISTINGS, true, FLATTENED),
                new Variant("flattened-noschemas", Table.LISTINGS, false, FLATTENED),
                new Variant("types-schemas", Table.TYPESAMPLE, true, Map.of()),
                new Variant("types-noschemas", Table.TYPESAMPLE, false, Map.of()),
                new Variant("types-schemas-string", Table.TYPESAMPLE, true, Map.of("decimal.handling.mode", "string")),
                new Variant("types-schemas-double", Table.TYPESAMPLE, true, Map.of("decimal.handling.mode", "double")),
                new Variant("types-schemas-connect-time", Table.TYPESAMPLE, true, Map.of("time.precision.mode", "connect")),
                // not in the MySQL/MariaDB connector docs, but accepted: the only way to get NanoTimestamp
                new Variant("types-schemas-nanoseconds", Table.TYPESAMPLE, true,
                        Map.of("time.precision.mode", "nanoseconds")));
    }

    private FixtureCapture() {
    }

    /** Arguments: output directory (default: the fixture directory), then variant names to capture (default: all). */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "src/test/resources/debezium-events/listings");
        List<String> only = args.length > 1 ? List.of(args).subList(1, args.length) : List.of();
        try (MariaDbServer server = MariaDbServer.start("fixtures")) {
            for (Variant variant : variants()) {
                if (only.isEmpty() || only.contains(variant.name())) {
                    capture(server, variant, out.resolve(variant.name()));
                }
            }
        }
    }

    private static void capture(MariaDbServer server, Variant variant, Path dir) throws IOException {
        server.execute("DROP DATABASE IF EXISTS " + DATABASE);
        server.execute("CREATE DATABASE " + DATABASE + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        Path state = Files.createTempDirectory("fixture-capture-");
        Properties config = DebeziumCapture.config(TOPIC_PREFIX, server, DATABASE, state);
        config.setProperty("converter.schemas.enable", Boolean.toString(variant.schemas()));
        config.setProperty("skipped.operations", "none");
        config.setProperty("tombstones.on.delete", "true");
        config.putAll(variant.settings());

        List<Event> events = variant.table() == Table.LISTINGS
                ? captureListings(server, config, variant)
                : captureTypeSample(server, config, variant);

        Map<String, Event> fixtures = new LinkedHashMap<>();
        System.out.println("== " + variant.name());
        for (Event event : events) {
            System.out.println("   " + event.summary());
            if (event.id() == null || event.id() != SENTINEL_ID) {
                fixtures.putIfAbsent(event.kind(), event);
            }
        }
        Files.createDirectories(dir);
        for (Map.Entry<String, Event> fixture : fixtures.entrySet()) {
            Files.writeString(dir.resolve(fixture.getKey() + ".json"), fixture.getValue().fixtureJson() + "\n",
                    StandardCharsets.UTF_8);
        }
        System.out.println("   wrote " + fixtures.keySet() + " to " + dir);
    }

    private static List<Event> captureListings(MariaDbServer server, Properties config, Variant variant) {
        SourceSchema.migrate(server, DATABASE);
        config.setProperty("table.include.list", DATABASE + ".listings");
        insertListings("(1, 1001, 'Şişli''de satılık 3+1 daire', 'Emlak', 'İstanbul', 1234567.89, 'TRY', 'ACTIVE',"
                + " '2026-11-21 10:15:30.123456', '2026-11-21 10:15:30.123456')", server);
        insertListings("(2, 1002, 'Kadıköy''de kiralık stüdyo', 'Emlak', 'İstanbul', 0.05, 'TRY', 'ACTIVE',"
                + " '2026-11-21 10:16:00.000001', '2026-11-21 10:16:00.000001')", server);

        List<CapturedRecord> records = new CopyOnWriteArrayList<>();
        try (DebeziumCapture capture = DebeziumCapture.start(config, records::add)) {
            awaitEvent(records, variant, e -> "r".equals(e.op()) && e.id() == 2L);
            insertListings("(3, 1003, 'Çankaya''da eşyalı 2+1 — ğüşıöç ĞÜŞİÖÇ 🏠', 'Emlak', 'Ankara', 0.05, 'TRY',"
                    + " 'ACTIVE', '2026-11-21 10:17:45.654321', '2026-11-21 10:17:45.654321')", server);
            // one statement, two rows: shows how source.pos and source.row number rows of one event
            insertListings("(4, 1004, 'Bornova''da satılık arsa', 'Arsa', 'İzmir', 4500000.00, 'TRY', 'ACTIVE',"
                    + " '2026-11-21 10:18:00.100000', '2026-11-21 10:18:00.100000'),"
                    + " (5, 1005, 'Nilüfer''de kiralık dükkan', 'İşyeri', 'Bursa', 18500.50, 'TRY', 'ACTIVE',"
                    + " '2026-11-21 10:18:00.200000', '2026-11-21 10:18:00.200000')", server);
            server.execute("UPDATE " + DATABASE + ".listings SET title = 'Şişli''de satılık 3+1 daire (fiyat düştü)',"
                    + " price = 1199999.99, status = 'SOLD', updated_at = '2026-11-21 10:20:00.000001' WHERE id = 1");
            server.execute("DELETE FROM " + DATABASE + ".listings WHERE id = 2");
            server.execute("TRUNCATE TABLE " + DATABASE + ".listings");
            // marks the end: the binlog is read in order, so every change above has arrived before it
            insertListings("(" + SENTINEL_ID + ", 1099, 'sentinel', 'Emlak', 'İstanbul', 1.00, 'TRY', 'ACTIVE',"
                    + " '2026-11-21 10:30:00.000000', '2026-11-21 10:30:00.000000')", server);
            awaitEvent(records, variant, e -> "c".equals(e.op()) && e.id() == SENTINEL_ID);
        }
        return events(records, variant);
    }

    private static List<Event> captureTypeSample(MariaDbServer server, Properties config, Variant variant) {
        // one column per temporal/decimal/enum shape the binlog connectors map to a distinct logical type
        server.execute("CREATE TABLE " + DATABASE + ".typesample ("
                + " id INT NOT NULL PRIMARY KEY,"
                + " d DATE NULL, t0 TIME(0) NULL, t6 TIME(6) NULL, dt3 DATETIME(3) NULL, dt6 DATETIME(6) NULL,"
                + " ts6 TIMESTAMP(6) NULL, state ENUM('draft','active','sold') NULL,"
                + " amount DECIMAL(38,10) NULL, qty DECIMAL(5,0) NULL"
                + ") ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci");
        config.setProperty("table.include.list", DATABASE + ".typesample");
        server.execute("INSERT INTO " + DATABASE + ".typesample VALUES (1, '2026-11-21', '10:15:30', '10:15:30.123456',"
                + " '2026-11-21 10:15:30.123', '2026-11-21 10:15:30.123456', '2026-11-21 10:15:30.123456', 'active',"
                + " 12345678901234567890.1234567890, 12345)");

        List<CapturedRecord> records = new CopyOnWriteArrayList<>();
        try (DebeziumCapture capture = DebeziumCapture.start(config, records::add)) {
            awaitEvent(records, variant, e -> "r".equals(e.op()) && e.id() == 1L);
            // before-epoch and boundary values: negative epoch days/millis, sub-millisecond parts, negative decimals
            server.execute("INSERT INTO " + DATABASE + ".typesample VALUES (2, '1969-12-31', '23:59:59',"
                    + " '00:00:00.000001', '1969-12-31 23:59:59.999', '2026-11-21 10:15:30.000001',"
                    + " '2038-01-19 03:14:07.999999', 'sold', -0.0000000001, -99999)");
            awaitEvent(records, variant, e -> "c".equals(e.op()) && e.id() == 2L);
        }
        return events(records, variant);
    }

    private static void insertListings(String rows, MariaDbServer server) {
        server.execute("INSERT INTO " + DATABASE + ".listings (id, seller_id, title, category, city, price, currency,"
                + " status, created_at, updated_at) VALUES " + rows);
    }

    private static void awaitEvent(List<CapturedRecord> records, Variant variant, Predicate<Event> wanted) {
        Awaitility.await().atMost(WAIT).until(() -> events(records, variant).stream().anyMatch(wanted));
    }

    private static List<Event> events(List<CapturedRecord> records, Variant variant) {
        List<Event> events = new ArrayList<>();
        for (CapturedRecord record : records) {
            events.add(new Event(record, variant.schemas()));
        }
        return events;
    }

    /** A captured record read far enough to name its fixture file and summarise its position. */
    private static final class Event {
        private final CapturedRecord record;
        private final JsonNode key;
        private final JsonNode value;
        private final JsonNode payload;

        Event(CapturedRecord record, boolean schemas) {
            this.record = record;
            this.key = record.key() == null ? null : JSON.readTree(record.key());
            this.value = record.value() == null ? null : JSON.readTree(record.value());
            this.payload = value == null ? null : schemas ? value.get("payload") : value;
        }

        /** Debezium's op code: from the envelope, or the {@code __op} field ExtractNewRecordState adds. */
        String op() {
            if (payload == null) {
                return null;
            }
            JsonNode op = payload.has("op") ? payload.get("op") : payload.get("__op");
            return op == null ? null : op.asString();
        }

        Long id() {
            if (key == null) {
                return null;
            }
            JsonNode keyPayload = key.has("payload") ? key.get("payload") : key;
            return keyPayload.get("id").asLong();
        }

        String kind() {
            return value == null ? "tombstone" : op();
        }

        String summary() {
            if (payload == null) {
                return "tombstone id=" + id();
            }
            JsonNode source = payload.get("source");
            String where = source != null
                    ? "file=" + source.get("file") + " pos=" + source.get("pos") + " row=" + source.get("row")
                            + " snapshot=" + source.get("snapshot") + " gtid=" + source.get("gtid")
                            + " ts_ms=" + source.get("ts_ms")
                    : "file=" + payload.get("__source_file") + " pos=" + payload.get("__source_pos")
                            + " row=" + payload.get("__source_row") + " snapshot=" + payload.get("__source_snapshot")
                            + " deleted=" + payload.get("__deleted");
            return kind() + " id=" + id() + " " + where;
        }

        String fixtureJson() {
            ObjectNode fixture = JSON.createObjectNode();
            fixture.put("destination", record.destination());
            fixture.set("key", key);
            fixture.set("value", value);
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(fixture);
        }
    }
}
