package dev.cdcsink.control;

import static dev.cdcsink.support.Pipelines.awaitCopyOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.zaxxer.hikari.HikariDataSource;

import dev.cdcsink.apply.DeleteMode;
import dev.cdcsink.change.EventSchema;
import dev.cdcsink.change.Op;
import dev.cdcsink.change.Row;
import dev.cdcsink.change.RowChange;
import dev.cdcsink.devstack.FixtureListingTables;
import dev.cdcsink.event.Fixture;
import dev.cdcsink.support.Api;
import dev.cdcsink.support.ChangeProducer;
import dev.cdcsink.support.Changes;
import dev.cdcsink.support.ChangeStream;
import dev.cdcsink.support.KafkaBroker;
import dev.cdcsink.support.Listings;
import dev.cdcsink.support.MariaDbServer;
import dev.cdcsink.support.Photos;
import dev.cdcsink.support.Pipelines;
import dev.cdcsink.support.SampleTable;
import dev.cdcsink.support.SampleTables;
import dev.cdcsink.support.SinkApp;
import dev.cdcsink.support.SinkHarness;
import dev.cdcsink.support.TargetDatabase;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/reconcile} against a real source and target: the source tables of
 * {@code db/source} (listings; listing_photos with its composite key; listing_details with its
 * wide types), their copies written by the running service from Debezium events.
 */
class ReconcileApiTest {

    private static final MariaDbServer SERVER = MariaDbServer.shared();
    /** Photo rows 1 … 30 (listings 1000 … 1014, two photos each); 1 … 10 updated, 5 and 6 deleted. */
    private static final int PHOTOS = 30;
    private static final String DETAILS_EVENTS = "debezium-events/listing_details/schemas-bigint-precise/";

    private static TargetDatabase target;
    private static String sourceDb;
    private static HikariDataSource sourcePool;
    private static JdbcTemplate source;
    private static ConfigurableApplicationContext app;
    private static String topic;

    @BeforeAll
    static void start() {
        KafkaBroker kafka = KafkaBroker.shared();
        target = TargetDatabase.create(SERVER);
        sourceDb = SERVER.createDatabase("reconcile_source");
        topic = Pipelines.topic(kafka, 2);
        app = SinkApp.start(kafka.bootstrapServers(), SERVER.jdbcUrl(target.schema()), topic,
                KafkaBroker.uniqueName("g"), Map.of("cdc-sink.source.jdbc-url", SERVER.jdbcUrl(sourceDb),
                        "cdc-sink.source.migrate", "true"));
        sourcePool = new HikariDataSource();
        sourcePool.setJdbcUrl(SERVER.jdbcUrl(sourceDb));
        sourcePool.setUsername(SERVER.username());
        source = new JdbcTemplate(sourcePool);
    }

    @AfterAll
    static void stop() {
        app.close();
        sourcePool.close();
        target.close();
    }

    /** Starts a reconcile job and waits for it to finish; its final status. */
    private static JsonNode reconcile(String query) {
        Api.Response started = Api.operator(app).post("/api/reconcile" + query);
        assertThat(started.status()).as("%s", started.body()).isEqualTo(202);
        String id = started.body().get("id").stringValue();
        await().atMost(Pipelines.CATCH_UP).until(() -> !Api.viewer(app).get("/api/reconcile/" + id).body().get("state")
                .stringValue().equals("RUNNING"));
        return Api.viewer(app).get("/api/reconcile/" + id).body();
    }

    /** The report's entry for a target table. */
    private static JsonNode table(JsonNode report, String targetTable) {
        return report.get("tables").valueStream().filter(t -> t.get("targetTable").stringValue().equals(targetTable))
                .findFirst().orElseThrow(() -> new AssertionError("no " + targetTable + " in " + report));
    }

    /** Each example of a table as {@code key=difference}, the key's columns and values in key order. */
    private static List<String> examples(JsonNode table) {
        return table.get("differences").valueStream()
                .map(e -> e.get("key").propertyStream().map(p -> p.getKey() + ":" + p.getValue())
                        .collect(Collectors.joining(",")) + "=" + e.get("difference").stringValue())
                .toList();
    }

    /**
     * Empties both sides, then writes every source table's rows into the source and sends their
     * changes through Kafka to the service, which creates and fills the copies; waits for them.
     *
     * @return the listings stream (its live rows are the source's)
     */
    private static ChangeStream copyEveryTable() {
        target.clear();
        List.of("listings", "listing_photos", "listing_details").forEach(t -> source.update("DELETE FROM " + t));
        ChangeStream listings = new ChangeStream(31);
        List<RowChange> photos = photoChanges();
        try (ChangeProducer producer = new ChangeProducer(KafkaBroker.shared().bootstrapServers())) {
            producer.send(topic, listings.next(300));
            producer.send(topic, photos, Photos.events());
            // listing_details as the real connector captured it: snapshot of 1, insert of 3, update of 1, delete of 2
            for (String op : List.of("r", "c", "u", "d")) {
                Fixture event = Fixture.load(DETAILS_EVENTS + op + ".json");
                producer.send(new ProducerRecord<>(topic, event.key(), event.value()));
            }
        }
        listings.live().values().forEach(l -> insertIntoSource("listings", Listings.schema(), Listings.row(l)));
        for (int n = 1; n <= PHOTOS; n++) {
            if (n != 5 && n != 6) {
                insertIntoSource("listing_photos", Photos.events().schema(), Photos.row(n, n <= 10 ? 2 : 1));
            }
        }
        // the rows the connector captured, written by the same SQL
        FixtureListingTables.detailsSnapshot(sourceDb).forEach(source::execute);
        FixtureListingTables.detailsStream(sourceDb).forEach(source::execute);

        awaitCopyOf(target, listings);
        await().atMost(Pipelines.CATCH_UP).untilAsserted(() -> {
            assertThat(target.rows("listing_photos", "listing_id, photo_no", false)).hasSize(PHOTOS);
            assertThat(target.rows("listing_details", "listing_id", false)).extracting(r -> r.get("_cdc_deleted"))
                    .containsExactly(false, true, false);
        });
        return listings;
    }

    /** Creates of photos 1 … 30, updates of 1 … 10, deletes of 5 and 6, in source order. */
    private static List<RowChange> photoChanges() {
        SampleTable photos = SampleTables.photos();
        List<RowChange> changes = new ArrayList<>();
        long position = 1_000;
        for (int n = 1; n <= PHOTOS; n++) {
            changes.add(photos.upsert(Op.CREATE, n, 1, position += 10, null));
        }
        for (int n = 1; n <= 10; n++) {
            changes.add(photos.upsert(Op.UPDATE, n, 2, position += 10, null));
        }
        changes.add(photos.delete(5, 2, position += 10, null));
        changes.add(photos.delete(6, 2, position + 10, null));
        return changes;
    }

    @Test
    void everyCopiedTableIsEqualToItsSourceAlsoWhereTheCopysColumnTypesDiffer() {
        ChangeStream listings = copyEveryTable();

        JsonNode report = reconcile("?pageSize=50");

        assertThat(report.get("state").stringValue()).as("%s", report).isEqualTo("EQUAL");
        // Flyway's table in the source (the tests migrate it): the sink refuses to write over its own
        assertThat(report.get("notCompared").valueStream().map(t -> t.get("sourceTable").stringValue()))
                .containsExactly(sourceDb + ".flyway_schema_history");
        assertThat(report.get("tables").valueStream().map(t -> t.get("sourceTable").stringValue()))
                .containsExactly(sourceDb + ".listing_details", sourceDb + ".listing_photos", sourceDb + ".listings");
        JsonNode listingsTable = table(report, "listings");
        assertThat(listingsTable.get("sourceRows").longValue()).isEqualTo(listings.live().size());
        assertThat(listingsTable.get("targetRows").longValue()).isEqualTo(listings.live().size());
        // full pages of 50 keys, then the open last page
        assertThat(listingsTable.get("pagesCompared").intValue()).isEqualTo(listings.live().size() / 50 + 1);
        assertThat(table(report, "listing_photos").get("targetRows").longValue()).isEqualTo(PHOTOS - 2);
        // the soft-deleted listing 2 is not counted
        assertThat(table(report, "listing_details").get("targetRows").longValue()).isEqualTo(2);
        // the sink made the copy's columns by the values' kinds, not the source's types
        assertThat(columnTypes(target.jdbc(), "listing_details")).containsEntry("published_at", "datetime(6)")
                .containsEntry("visiting_from", "time(6)").containsEntry("rooms", "smallint(6)")
                .containsEntry("featured", "smallint(6)").containsEntry("view_count", "decimal(20,0)")
                .containsEntry("thumbnail", "longblob");
        assertThat(columnTypes(source, "listing_details")).containsEntry("published_at", "timestamp(6)")
                .containsEntry("visiting_from", "time").containsEntry("rooms", "tinyint(3) unsigned")
                .containsEntry("featured", "tinyint(1)").containsEntry("view_count", "bigint(20) unsigned")
                .containsEntry("thumbnail", "mediumblob");

        // a person widens the copy's columns and adds one of their own: the values are still the same
        Map<String, String> asCreated = definitions(target.jdbc(), "listings");
        target.jdbc().execute("ALTER TABLE listings MODIFY title LONGTEXT NULL, MODIFY price DECIMAL(20,6) NULL, "
                + "MODIFY seller_id DECIMAL(30,0) NULL, MODIFY currency VARCHAR(255) NULL, "
                + "ADD COLUMN note VARCHAR(20) NULL DEFAULT 'not in source'");
        try {
            JsonNode widened = reconcile("?table=listings");
            assertThat(widened.get("state").stringValue()).as("%s", widened).isEqualTo("EQUAL");
            assertThat(widened.get("tables").size()).isEqualTo(1);
        } finally {
            target.jdbc().execute("ALTER TABLE listings DROP COLUMN note, " + List.of("title", "price", "seller_id",
                    "currency").stream().map(c -> "MODIFY " + c + " " + asCreated.get(c)).collect(Collectors.joining(", ")));
        }
    }

    @Test
    void namesEachMissingExtraAndDifferentKeyWithItsColumns() {
        ChangeStream listings = copyEveryTable();
        List<Long> ids = new ArrayList<>(listings.live().keySet());
        Collections.sort(ids);
        long changed = ids.get(10);
        long missing = ids.get(20);
        long extra = ids.get(ids.size() - 1) + 1_000;
        target.jdbc().update("UPDATE listings SET price = price + 0.01 WHERE id = ?", changed);
        target.jdbc().update("DELETE FROM listings WHERE id = ?", missing);
        target.jdbc().update("INSERT INTO listings (id, seller_id, title, category, city, price, currency, status, "
                + "created_at, updated_at) SELECT ?, seller_id, title, category, city, price, currency, status, "
                + "created_at, updated_at FROM listings WHERE id = ?", extra, changed);
        // photo 3 is listing 1001's first photo, photo 8 listing 1003's second; photo 14 has a NULL caption in the copy
        target.jdbc().update("UPDATE listing_photos SET _cdc_deleted = TRUE WHERE " + Photos.where(3));
        target.jdbc().update("UPDATE listing_photos SET caption = NULL WHERE " + Photos.where(14));
        source.update("UPDATE listing_photos SET sha256 = UNHEX(SHA2('another', 256)) WHERE " + Photos.where(8));

        JsonNode report = reconcile("?pageSize=50");

        assertThat(report.get("state").stringValue()).isEqualTo("DIFFERENT");
        JsonNode listingsTable = table(report, "listings");
        assertThat(listingsTable.get("state").stringValue()).isEqualTo("DIFFERENT");
        assertThat(listingsTable.get("sourceRows").longValue()).isEqualTo(listings.live().size());
        assertThat(listingsTable.get("targetRows").longValue()).isEqualTo(listings.live().size());
        assertThat(examples(listingsTable)).containsExactlyInAnyOrder("id:" + changed + "=DIFFERENT",
                "id:" + missing + "=MISSING_IN_TARGET", "id:" + extra + "=EXTRA_IN_TARGET");
        assertThat(listingsTable.get("pagesDiffering").intValue()).isBetween(1, 3);
        JsonNode photosTable = table(report, "listing_photos");
        assertThat(photosTable.get("targetRows").longValue()).isEqualTo(PHOTOS - 3);
        assertThat(examples(photosTable)).containsExactlyInAnyOrder("listing_id:1001,photo_no:1=MISSING_IN_TARGET",
                "listing_id:1003,photo_no:2=DIFFERENT", "listing_id:1006,photo_no:2=DIFFERENT");
        assertThat(table(report, "listing_details").get("state").stringValue()).isEqualTo("EQUAL");

        JsonNode photosOnly = reconcile("?table=" + sourceDb + ".listing_photos&pageSize=1");
        assertThat(photosOnly.get("tables").size()).isEqualTo(1);
        assertThat(examples(table(photosOnly, "listing_photos"))).hasSize(3);
        assertThat(table(photosOnly, "listing_photos").get("pagesCompared").intValue()).isEqualTo(PHOTOS - 2 + 1);
    }

    @Test
    void anUnknownOrUncomparableTableOrABucketSizeOutOfBoundsIsAProblemDetail() {
        Api.Response unknown = Api.operator(app).post("/api/reconcile?table=no_such_table");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().get("title").stringValue()).isEqualTo("Unknown table");
        assertThat(unknown.body().get("detail").stringValue()).contains("no_such_table", "listing_photos");

        Api.Response refused = Api.operator(app).post("/api/reconcile?table=flyway_schema_history");
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.body().get("detail").stringValue()).contains("cannot be compared", "the sink's own tables");

        Api.Response zero = Api.operator(app).post("/api/reconcile?pageSize=0");
        assertThat(zero.status()).isEqualTo(400);
        Api.Response noJob = Api.viewer(app).get("/api/reconcile/no-such-job");
        assertThat(noJob.status()).isEqualTo(404);
    }

    @Test
    void comparesAMillionRowsByPageAndNamesTheOneThatDiffers() {
        fillListings(1_000_000);
        source.update("UPDATE listings SET city = 'Şişli' WHERE id = 777777");

        JsonNode report = reconcile("?table=listings");

        JsonNode listingsTable = table(report, "listings");
        assertThat(listingsTable.get("sourceRows").longValue()).isEqualTo(1_000_000);
        assertThat(listingsTable.get("targetRows").longValue()).isEqualTo(1_000_000);
        assertThat(listingsTable.get("pagesCompared").intValue()).isEqualTo(101);
        assertThat(listingsTable.get("pagesDiffering").intValue()).isEqualTo(1);
        assertThat(examples(listingsTable)).containsExactly("id:777777=DIFFERENT");
    }

    @Test
    void aLongReconcileShowsHowFarItIsRefusesASecondOneAndStopsWhenCancelled() {
        // 2,000 pages of 100 keys: long enough to be seen running
        fillListings(200_000);
        Api.Response started = Api.operator(app).post("/api/reconcile?table=listings&pageSize=100");
        assertThat(started.status()).isEqualTo(202);
        String id = started.body().get("id").asString();
        await().atMost(Pipelines.CATCH_UP).until(() -> job(id).get("progress").get("keysCompared").longValue() > 0);
        JsonNode running = job(id);
        assertThat(running.get("state").asString()).isEqualTo("RUNNING");
        assertThat(running.get("progress").get("currentTable").asString()).endsWith("listings");
        assertThat(running.get("progress").get("percent").doubleValue()).isBetween(0.0, 99.9);

        Api.Response second = Api.operator(app).post("/api/reconcile");
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.body().get("runningJob").asString()).isEqualTo(id);

        assertThat(Api.operator(app).delete("/api/reconcile/" + id).status()).isEqualTo(202);
        await().atMost(Pipelines.CATCH_UP).until(() -> job(id).get("state").asString().equals("CANCELLED"));
        assertThat(job(id).get("progress").get("keysCompared").longValue()).isLessThan(200_000);
    }

    private static JsonNode job(String id) {
        return Api.viewer(app).get("/api/reconcile/" + id).body();
    }

    /** {@code count} equal rows in the source's and the copy's {@code listings}. */
    private static void fillListings(int count) {
        // the target table as the sink makes it, then emptied
        new SinkHarness(target, DeleteMode.SOFT).apply(Changes.upsert(Op.CREATE, 1, 1, 1, Changes.at("reconcile", 0, 0)));
        target.jdbc().update("DELETE FROM listings");
        source.update("DELETE FROM listings");
        // MariaDB's sequence engine fills both sides inside the server: the test measures the
        // comparison, not the loading
        String rows = "SELECT seq, 1000 + seq % 97, CONCAT('İlan ', seq), 'Emlak', 'İstanbul', seq % 100000 + 0.25, 'TRY', "
                + "'ACTIVE', '2026-11-01 09:00:00.123456', '2026-11-01 09:00:00.654321' FROM seq_1_to_" + count;
        source.update("INSERT INTO listings (id, seller_id, title, category, city, price, currency, status, created_at, "
                + "updated_at) " + rows);
        target.jdbc().update("INSERT INTO listings (id, seller_id, title, category, city, price, currency, status, "
                + "created_at, updated_at, _cdc_deleted, _cdc_source_ts, _cdc_applied_at, _cdc_row_hash, _cdc_position) "
                + "SELECT t.*, FALSE, NULL, NOW(6), NULL, X'01000000000001000000000000000401' FROM (" + rows + ") t");
    }

    @Test
    void withoutASourceDatabaseItSaysWhatToConfigure() {
        try (TargetDatabase other = TargetDatabase.create(SERVER);
                ConfigurableApplicationContext plain = SinkApp.start(KafkaBroker.shared().bootstrapServers(),
                        SERVER.jdbcUrl(other.schema()), topic, KafkaBroker.uniqueName("g"), Map.of())) {
            Api.Response response = Api.viewer(plain).get("/api/reconcile");
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.body().get("detail").stringValue()).contains("cdc-sink.source.jdbc-url");
        }
    }

    private static Map<String, String> columnTypes(JdbcTemplate db, String table) {
        return columns(db, table, "COLUMN_TYPE");
    }

    /** Each column's type and nullability, as an ALTER TABLE … MODIFY takes them. */
    private static Map<String, String> definitions(JdbcTemplate db, String table) {
        return columns(db, table, "CONCAT(COLUMN_TYPE, IF(IS_NULLABLE = 'YES', ' NULL', ' NOT NULL'))");
    }

    private static Map<String, String> columns(JdbcTemplate db, String table, String expression) {
        Map<String, String> columns = new HashMap<>();
        db.query("SELECT COLUMN_NAME, " + expression + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() "
                + "AND TABLE_NAME = ?", rs -> {
                    columns.put(rs.getString(1), rs.getString(2));
                }, table);
        return columns;
    }

    /** A row built for an event schema, inserted into the source table of the same columns. */
    private static void insertIntoSource(String table, EventSchema schema, Row row) {
        List<String> columns = schema.columns().stream().map(c -> c.name()).toList();
        Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = row.get(i);
        }
        source.update("INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")", values);
    }
}
