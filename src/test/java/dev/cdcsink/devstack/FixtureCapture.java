package dev.cdcsink.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.awaitility.Awaitility;

import dev.cdcsink.devstack.DebeziumCapture.CapturedRecord;
import dev.cdcsink.support.MariaDbServer;
import dev.cdcsink.support.PostgresServer;
import dev.cdcsink.support.TargetServer;
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
 *
 * <p>The table variants capture {@code listing_photos}, {@code listing_details} (from
 * {@code db/source}) and the tool's own {@code all_types} ({@link FixtureAllTypes}) in one engine
 * run each, into the directories beside the listings one:
 * {@code debezium-events/<table>/<variant>/}. For {@code listing_photos} and {@code listing_details}
 * the first record of each kind becomes {@code r c u d tombstone}.json; for {@code all_types} every
 * record becomes {@code <kind>-<id>.json} (e.g. {@code r-1.json}, {@code c-2.json},
 * {@code tombstone-2.json}). Such a variant is selected as {@code <table>/<variant>}, as
 * {@code <variant>} after a star and a slash (every table), or as {@code <table>} (every variant).
 *
 * <p>The PostgreSQL variants capture {@code pg_all_types} ({@link FixturePgAllTypes}) with the
 * PostgreSQL connector ({@code pgoutput}) from an embedded PostgreSQL 17, into
 * {@code debezium-events/pg_all_types/<variant>/}, named like all_types'; PostgreSQL is started
 * only when one of them is selected, MariaDB only when one of the others is.
 */
public final class FixtureCapture {

    private static final String TOPIC_PREFIX = "cdc";
    private static final String DATABASE = "shop";
    static final long SENTINEL_ID = 99;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Map<String, String> FLATTENED = Map.of(
            "transforms", "unwrap",
            "transforms.unwrap.type", "io.debezium.transforms.ExtractNewRecordState",
            "transforms.unwrap.add.fields", "op,source.ts_ms,source.file,source.pos,source.row,source.snapshot",
            "transforms.unwrap.delete.tombstone.handling.mode", "rewrite");

    private static final String MARIADB_CONNECTOR = "io.debezium.connector.mariadb.MariaDbConnector";
    private static final String MYSQL_CONNECTOR = "io.debezium.connector.mysql.MySqlConnector";
    private static final String POSTGRES_CONNECTOR = "io.debezium.connector.postgresql.PostgresConnector";
    /** Tables whose every record is a fixture of its own, {@code <kind>-<id>.json}. */
    private static final Set<String> ALL_TYPES_TABLES = Set.of(FixtureAllTypes.TABLE, FixturePgAllTypes.TABLE);
    /** The placeholder of the {@code *-placeholder} variant, instead of Debezium's default. */
    public static final String CUSTOM_PLACEHOLDER = "⟨toast değişmedi⟩";
    private static final List<String> TABLES =
            List.of(FixtureListingTables.PHOTOS, FixtureListingTables.DETAILS, FixtureAllTypes.TABLE);

    private enum Table { LISTINGS, TYPESAMPLE }

    private record Variant(String name, Table table, boolean schemas, Map<String, String> settings) {
    }

    /**
     * A variant of the {@link #TABLES}, all captured by one engine run. {@code ddlWhileStreaming}:
     * the tables are created after the engine has started, so the connector learns them from the
     * binlog DDL instead of SHOW CREATE TABLE, and every row is a streamed insert (no snapshot).
     * {@code photosAlteration}: an {@code ALTER TABLE listing_photos} clause run after the snapshot,
     * before the streamed changes, so their events carry the schema the connector parsed from that
     * DDL; such a variant captures {@code listing_photos} only.
     */
    private record TableVariant(String name, String connectorClass, boolean schemas, Map<String, String> settings,
            boolean ddlWhileStreaming, String photosAlteration) {

        TableVariant(String name, String connectorClass, boolean schemas, Map<String, String> settings) {
            this(name, connectorClass, schemas, settings, false, null);
        }

        TableVariant(String name, String connectorClass, boolean schemas, Map<String, String> settings,
                boolean ddlWhileStreaming) {
            this(name, connectorClass, schemas, settings, ddlWhileStreaming, null);
        }
    }

    /** The table a streaming-DDL variant snapshots (one row) to know that the snapshot is over, then drops; never written. */
    private static final String STARTED_MARKER = "capture_started";

    private static List<TableVariant> tableVariants() {
        return List.of(
                // the defaults: decimal precise, adaptive_time_microseconds, bigint.unsigned long, binary bytes
                new TableVariant("schemas", MARIADB_CONNECTOR, true, Map.of()),
                new TableVariant("noschemas", MARIADB_CONNECTOR, false, Map.of()),
                new TableVariant("schemas-decimal-string", MARIADB_CONNECTOR, true, Map.of("decimal.handling.mode", "string")),
                new TableVariant("schemas-decimal-double", MARIADB_CONNECTOR, true, Map.of("decimal.handling.mode", "double")),
                new TableVariant("schemas-bigint-precise", MARIADB_CONNECTOR, true,
                        Map.of("bigint.unsigned.handling.mode", "precise")),
                new TableVariant("schemas-binary-base64", MARIADB_CONNECTOR, true, Map.of("binary.handling.mode", "base64")),
                new TableVariant("schemas-binary-base64-url-safe", MARIADB_CONNECTOR, true,
                        Map.of("binary.handling.mode", "base64-url-safe")),
                new TableVariant("schemas-binary-hex", MARIADB_CONNECTOR, true, Map.of("binary.handling.mode", "hex")),
                new TableVariant("schemas-connect-time", MARIADB_CONNECTOR, true, Map.of("time.precision.mode", "connect")),
                new TableVariant("schemas-source-types", MARIADB_CONNECTOR, true, Map.of("column.propagate.source.type", ".*")),
                // a column added while streaming: the schema the fault suite's source schema change switches to
                new TableVariant("schemas-source-types-column-added", MARIADB_CONNECTOR, true,
                        Map.of("column.propagate.source.type", ".*"), false, "ADD COLUMN alt_text VARCHAR(200) NULL"),
                // not asked for by the sink, but it decides what years 0001-0099 become (see the all_types README)
                new TableVariant("schemas-no-time-adjuster", MARIADB_CONNECTOR, true, Map.of("enable.time.adjuster", "false")),
                // the tables created while the connector streams: BOOLEAN and JSON come out differently
                new TableVariant("schemas-ddl-streamed", MARIADB_CONNECTOR, true, Map.of(), true),
                new TableVariant("flattened-schemas", MARIADB_CONNECTOR, true, FLATTENED),
                new TableVariant("mysql-connector-schemas", MYSQL_CONNECTOR, true, Map.of()),
                new TableVariant("mysql-connector-noschemas", MYSQL_CONNECTOR, false, Map.of()),
                new TableVariant("mysql-connector-schemas-ddl-streamed", MYSQL_CONNECTOR, true, Map.of(), true));
    }

    /** The PostgreSQL connector's variants of {@code pg_all_types}; the defaults are decimal precise, binary bytes, interval numeric. */
    private static List<TableVariant> pgVariants() {
        Map<String, String> sourceTypes = Map.of("column.propagate.source.type", ".*");
        return List.of(
                new TableVariant("schemas", POSTGRES_CONNECTOR, true, Map.of()),
                new TableVariant("noschemas", POSTGRES_CONNECTOR, false, Map.of()),
                new TableVariant("schemas-source-types", POSTGRES_CONNECTOR, true, sourceTypes),
                new TableVariant("schemas-source-types-decimal-string", POSTGRES_CONNECTOR, true,
                        with(sourceTypes, "decimal.handling.mode", "string")),
                new TableVariant("schemas-source-types-decimal-double", POSTGRES_CONNECTOR, true,
                        with(sourceTypes, "decimal.handling.mode", "double")),
                new TableVariant("schemas-source-types-binary-base64", POSTGRES_CONNECTOR, true,
                        with(sourceTypes, "binary.handling.mode", "base64")),
                new TableVariant("schemas-source-types-binary-hex", POSTGRES_CONNECTOR, true,
                        with(sourceTypes, "binary.handling.mode", "hex")),
                new TableVariant("schemas-source-types-interval-string", POSTGRES_CONNECTOR, true,
                        with(sourceTypes, "interval.handling.mode", "string")),
                new TableVariant("schemas-source-types-placeholder", POSTGRES_CONNECTOR, true,
                        with(sourceTypes, "unavailable.value.placeholder", CUSTOM_PLACEHOLDER)));
    }

    private static Map<String, String> with(Map<String, String> settings, String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(settings);
        more.put(key, value);
        return Map.copyOf(more);
    }

    private static List<Variant> variants() {
        return List.of(
                new Variant("schemas-precise", Table.LISTINGS, true, Map.of("decimal.handling.mode", "precise")),
                // as compose and the dev stack capture: the sink creates the copy with the source's types
                new Variant("schemas-source-types", Table.LISTINGS, true, Map.of("decimal.handling.mode", "precise",
                        "column.propagate.source.type", ".*")),
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

    /**
     * Arguments: the listings output directory (default: the listings fixture directory; the table
     * variants write to its siblings {@code <table>/}), then variant names to capture (default: all).
     */
    public static void main(String[] args) throws IOException {
        long started = System.nanoTime();
        Path out = Path.of(args.length > 0 ? args[0] : "src/test/resources/debezium-events/listings");
        Path root = out.toAbsolutePath().getParent();
        List<String> only = args.length > 1 ? List.of(args).subList(1, args.length) : List.of();
        checkSelection(only);
        boolean mariaDb = variants().stream().anyMatch(variant -> only.isEmpty() || only.contains(variant.name()))
                || tableVariants().stream().anyMatch(variant -> !selected(TABLES, variant, only).isEmpty());
        if (mariaDb) {
            try (MariaDbServer server = MariaDbServer.start("fixtures")) {
                for (Variant variant : variants()) {
                    if (only.isEmpty() || only.contains(variant.name())) {
                        capture(server, variant, out.resolve(variant.name()));
                    }
                }
                for (TableVariant variant : tableVariants()) {
                    List<String> tables = selected(TABLES, variant, only);
                    if (!tables.isEmpty()) {
                        captureTables(server, variant, tables, root);
                    }
                }
            }
        }
        List<TableVariant> pg = pgVariants().stream()
                .filter(variant -> !selected(List.of(FixturePgAllTypes.TABLE), variant, only).isEmpty()).toList();
        if (!pg.isEmpty()) {
            try (PostgresServer server = PostgresServer.start()) {
                for (TableVariant variant : pg) {
                    capturePostgres(server, variant, root);
                }
            }
        }
        System.out.printf("== done in %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    /** The tables of {@code variant} that {@code only} selects (all of them when it is empty). */
    private static List<String> selected(List<String> tables, TableVariant variant, List<String> only) {
        return tables.stream().filter(table -> variant.photosAlteration() == null || table.equals(FixtureListingTables.PHOTOS))
                .filter(table -> only.isEmpty() || only.contains(table)
                || only.contains(table + "/" + variant.name()) || only.contains("*/" + variant.name())).toList();
    }

    private static void checkSelection(List<String> only) {
        Set<String> known = new LinkedHashSet<>();
        variants().forEach(variant -> known.add(variant.name()));
        known.addAll(TABLES);
        known.add(FixturePgAllTypes.TABLE);
        for (TableVariant variant : tableVariants()) {
            known.add("*/" + variant.name());
            TABLES.forEach(table -> known.add(table + "/" + variant.name()));
        }
        for (TableVariant variant : pgVariants()) {
            known.add("*/" + variant.name());
            known.add(FixturePgAllTypes.TABLE + "/" + variant.name());
        }
        for (String name : only) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown variant " + name + "; known: " + known);
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
        awaitEvent(records, variant.schemas(), wanted);
    }

    private static void awaitEvent(List<CapturedRecord> records, boolean schemas, Predicate<Event> wanted) {
        Awaitility.await().atMost(WAIT).until(() -> events(records, schemas).stream().anyMatch(wanted));
    }

    private static List<Event> events(List<CapturedRecord> records, Variant variant) {
        return events(records, variant.schemas());
    }

    private static List<Event> events(List<CapturedRecord> records, boolean schemas) {
        List<Event> events = new ArrayList<>();
        for (CapturedRecord record : records) {
            events.add(new Event(record, schemas));
        }
        return events;
    }

    /**
     * One engine run over {@code tables}: their snapshot rows, then the scripted changes of each,
     * then one end marker (id {@link #SENTINEL_ID}) per table, which is not written. A
     * {@code ddlWhileStreaming} variant starts the engine on a database holding only
     * {@link #STARTED_MARKER}, then creates the tables and inserts the "snapshot" rows (all_types:
     * row 1 only, no copies) while streaming.
     */
    private static void captureTables(MariaDbServer server, TableVariant variant, List<String> tables, Path root)
            throws IOException {
        server.execute("DROP DATABASE IF EXISTS " + DATABASE);
        server.execute("CREATE DATABASE " + DATABASE + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        Path state = Files.createTempDirectory("fixture-capture-");
        Properties config = DebeziumCapture.config(TOPIC_PREFIX, server, DATABASE, state);
        config.setProperty("connector.class", variant.connectorClass());
        config.setProperty("converter.schemas.enable", Boolean.toString(variant.schemas()));
        config.setProperty("skipped.operations", "none");
        config.setProperty("tombstones.on.delete", "true");
        config.putAll(variant.settings());
        List<String> captured = new ArrayList<>(tables);
        if (variant.ddlWhileStreaming()) {
            captured.add(STARTED_MARKER);
        }
        config.setProperty("table.include.list",
                String.join(",", captured.stream().map(table -> DATABASE + "." + table).toList()));

        boolean photos = tables.contains(FixtureListingTables.PHOTOS);
        boolean details = tables.contains(FixtureListingTables.DETAILS);
        boolean allTypes = tables.contains(FixtureAllTypes.TABLE);
        int reads;
        if (variant.ddlWhileStreaming()) {
            run(server, List.of("CREATE TABLE " + DATABASE + "." + STARTED_MARKER + " (id INT NOT NULL PRIMARY KEY)",
                    "INSERT INTO " + DATABASE + "." + STARTED_MARKER + " VALUES (1)"));
            reads = 1;
        } else {
            reads = createTables(server, photos, details, allTypes, true);
        }

        List<CapturedRecord> records = new CopyOnWriteArrayList<>();
        long started = System.nanoTime();
        try (DebeziumCapture capture = DebeziumCapture.start(config, records::add)) {
            int expectedReads = reads;
            awaitEvents(capture, records, variant.schemas(),
                    events -> events.stream().filter(e -> "r".equals(e.op())).count() >= expectedReads);
            if (variant.ddlWhileStreaming()) {
                // Flyway migrates only an empty schema
                server.execute("DROP TABLE " + DATABASE + "." + STARTED_MARKER);
                createTables(server, photos, details, allTypes, false);
            }
            if (photos && variant.photosAlteration() != null) {
                run(server, List.of("ALTER TABLE " + DATABASE + "." + FixtureListingTables.PHOTOS + " "
                        + variant.photosAlteration()));
            }
            if (photos) {
                run(server, FixtureListingTables.photosStream(DATABASE));
            }
            if (details) {
                run(server, FixtureListingTables.detailsStream(DATABASE));
            }
            if (allTypes) {
                run(server, FixtureAllTypes.streamedChanges(DATABASE));
            }
            // the end markers: the binlog is read in order, so every change above has arrived before them
            if (photos) {
                run(server, FixtureListingTables.photosSentinel(DATABASE));
            }
            if (details) {
                run(server, FixtureListingTables.detailsSentinel(DATABASE));
            }
            if (allTypes) {
                run(server, FixtureAllTypes.sentinel(DATABASE));
            }
            for (String table : tables) {
                awaitEvents(capture, records, variant.schemas(), events -> events.stream().anyMatch(
                        e -> table.equals(e.table()) && "c".equals(e.op()) && e.id() == SENTINEL_ID));
            }
        }
        System.out.printf("== %s (%s) captured in %.1f s%n", variant.name(), String.join(", ", tables),
                (System.nanoTime() - started) / 1e9);
        writeTableFixtures(variant, tables, events(records, variant.schemas()), root);
    }

    /**
     * One PostgreSQL connector run over {@code pg_all_types} in a fresh database: its snapshot rows,
     * the scripted changes, then the end marker (id {@link #SENTINEL_ID}), which is not written.
     * The replication slot is dropped after the run.
     */
    private static void capturePostgres(PostgresServer server, TableVariant variant, Path root) throws IOException {
        String database = server.createDatabase("fixtures");
        run(server, database, FixturePgAllTypes.ddl());
        run(server, database, FixturePgAllTypes.initialInserts());
        Path state = Files.createTempDirectory("fixture-capture-");
        Properties config = DebeziumCapture.config(TOPIC_PREFIX, server, database, state);
        config.setProperty("converter.schemas.enable", Boolean.toString(variant.schemas()));
        config.setProperty("skipped.operations", "none");
        config.setProperty("tombstones.on.delete", "true");
        config.setProperty("table.include.list", "public." + FixturePgAllTypes.TABLE);
        config.putAll(variant.settings());

        List<CapturedRecord> records = new CopyOnWriteArrayList<>();
        long started = System.nanoTime();
        try (DebeziumCapture capture = DebeziumCapture.start(config, records::add)) {
            awaitEvents(capture, records, variant.schemas(), events -> events.stream()
                    .filter(e -> "r".equals(e.op())).count() >= FixturePgAllTypes.initialRows());
            run(server, database, FixturePgAllTypes.streamedChanges());
            // the end marker: the WAL is read in commit order, so every change above has arrived before it
            run(server, database, FixturePgAllTypes.sentinel());
            awaitEvents(capture, records, variant.schemas(), events -> events.stream()
                    .anyMatch(e -> "c".equals(e.op()) && e.id() == SENTINEL_ID));
        } finally {
            server.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE database = '"
                    + database + "'");
        }
        System.out.printf("== %s (%s) captured in %.1f s%n", variant.name(), FixturePgAllTypes.TABLE,
                (System.nanoTime() - started) / 1e9);
        writeTableFixtures(variant, List.of(FixturePgAllTypes.TABLE), events(records, variant.schemas()), root);
    }

    /**
     * Writes {@code <root>/<table>/<variant>/}: for all_types every record as {@code <kind>-<id>.json},
     * for the other tables the first record of each kind as {@code <kind>.json}; end markers are skipped.
     */
    private static void writeTableFixtures(TableVariant variant, List<String> tables, List<Event> events, Path root)
            throws IOException {
        for (String table : tables) {
            Map<String, Event> fixtures = new LinkedHashMap<>();
            System.out.println("   " + table + ":");
            for (Event event : events) {
                if (!table.equals(event.table())) {
                    continue;
                }
                System.out.println("   " + event.summary());
                if (event.id() != null && event.id() == SENTINEL_ID) {
                    continue;
                }
                if (ALL_TYPES_TABLES.contains(table)) {
                    String name = event.kind() + "-" + event.id();
                    if (fixtures.putIfAbsent(name, event) != null) {
                        throw new IllegalStateException("two records named " + name + " in " + variant.name());
                    }
                } else {
                    fixtures.putIfAbsent(event.kind(), event);
                }
            }
            Path dir = root.resolve(table).resolve(variant.name());
            Files.createDirectories(dir);
            // a variant directory holds exactly what the last run captured
            try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, "*.json")) {
                for (Path file : old) {
                    Files.delete(file);
                }
            }
            for (Map.Entry<String, Event> fixture : fixtures.entrySet()) {
                Files.writeString(dir.resolve(fixture.getKey() + ".json"), fixture.getValue().fixtureJson() + "\n",
                        StandardCharsets.UTF_8);
            }
            System.out.println("   wrote " + fixtures.keySet() + " to " + dir);
        }
    }

    /**
     * Creates the selected tables and inserts their initial rows (all_types: with the snapshot
     * copies of rows 2..7 if {@code snapshotCopies}); returns how many rows that inserted.
     */
    private static int createTables(MariaDbServer server, boolean photos, boolean details, boolean allTypes,
            boolean snapshotCopies) {
        if (photos || details) {
            SourceSchema.migrate(server, DATABASE);
        }
        int rows = 0;
        if (photos) {
            run(server, FixtureListingTables.photosSnapshot(DATABASE));
            rows += FixtureListingTables.SNAPSHOT_ROWS;
        }
        if (details) {
            run(server, FixtureListingTables.detailsSnapshot(DATABASE));
            rows += FixtureListingTables.SNAPSHOT_ROWS;
        }
        if (allTypes) {
            server.execute(FixtureAllTypes.ddl(DATABASE));
            run(server, FixtureAllTypes.initialInserts(DATABASE, snapshotCopies));
            rows += FixtureAllTypes.initialRows(snapshotCopies);
        }
        return rows;
    }

    /** Waits until the events so far satisfy {@code wanted}; fails at once if the engine has stopped with an error. */
    private static void awaitEvents(DebeziumCapture capture, List<CapturedRecord> records, boolean schemas,
            Predicate<List<Event>> wanted) {
        Awaitility.await().atMost(WAIT).until(() -> {
            capture.failure().ifPresent(error -> {
                throw new IllegalStateException("Debezium engine failed: " + error.getMessage(), error);
            });
            return wanted.test(events(records, schemas));
        });
    }

    /** Runs the statements in order on one connection to the capture database (so a {@code SET SESSION} applies to the rest). */
    private static void run(MariaDbServer server, List<String> statements) {
        run(server, DATABASE, statements);
    }

    private static void run(TargetServer server, String database, List<String> statements) {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(database), server.username(), server.password());
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                try {
                    s.execute(sql);
                } catch (SQLException e) {
                    throw new IllegalStateException("SQL failed on " + database + ": " + sql + ": " + e.getMessage(), e);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("no connection to " + database + ": " + e.getMessage(), e);
        }
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

        /** The key's {@code id}, or (composite or differently named keys) its first field. */
        Long id() {
            if (key == null) {
                return null;
            }
            JsonNode keyPayload = keyPayload();
            JsonNode id = keyPayload.has("id") ? keyPayload.get("id") : keyPayload.values().iterator().next();
            return id.asLong();
        }

        private JsonNode keyPayload() {
            return key.has("payload") ? key.get("payload") : key;
        }

        /** The table of the topic {@code <prefix>.<database>.<table>}. */
        String table() {
            String destination = record.destination();
            return destination.substring(destination.lastIndexOf('.') + 1);
        }

        private String keyText() {
            if (key == null) {
                return "key=null";
            }
            JsonNode keyPayload = keyPayload();
            if (keyPayload.size() == 1 && keyPayload.has("id")) {
                return "id=" + keyPayload.get("id");
            }
            StringBuilder text = new StringBuilder();
            for (Iterator<Map.Entry<String, JsonNode>> fields = keyPayload.properties().iterator(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                text.append(text.length() == 0 ? "" : ",").append(field.getKey()).append('=').append(field.getValue());
            }
            return text.toString();
        }

        String kind() {
            return value == null ? "tombstone" : op();
        }

        String summary() {
            if (payload == null) {
                return "tombstone " + keyText();
            }
            JsonNode source = payload.get("source");
            String where = source != null && source.has("lsn")
                    ? "lsn=" + source.get("lsn") + " txId=" + source.get("txId") + " snapshot=" + source.get("snapshot")
                    : source != null
                    ? "file=" + source.get("file") + " pos=" + source.get("pos") + " row=" + source.get("row")
                            + " snapshot=" + source.get("snapshot") + " gtid=" + source.get("gtid")
                            + " ts_ms=" + source.get("ts_ms")
                    : "file=" + payload.get("__source_file") + " pos=" + payload.get("__source_pos")
                            + " row=" + payload.get("__source_row") + " snapshot=" + payload.get("__source_snapshot")
                            + " deleted=" + payload.get("__deleted");
            return kind() + " " + keyText() + " " + where;
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
