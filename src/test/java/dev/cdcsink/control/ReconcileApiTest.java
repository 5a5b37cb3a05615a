package dev.cdcsink.control;

import static dev.cdcsink.support.Pipelines.awaitCopyOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.zaxxer.hikari.HikariDataSource;

import dev.cdcsink.generator.Listing;
import dev.cdcsink.apply.DeleteMode;
import dev.cdcsink.change.Op;
import dev.cdcsink.support.Api;
import dev.cdcsink.support.Changes;
import dev.cdcsink.support.SinkHarness;
import dev.cdcsink.support.ChangeProducer;
import dev.cdcsink.support.ChangeStream;
import dev.cdcsink.support.KafkaBroker;
import dev.cdcsink.support.MariaDbServer;
import dev.cdcsink.support.Pipelines;
import dev.cdcsink.support.SinkApp;
import dev.cdcsink.support.TargetDatabase;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/reconcile} against a real source and target. */
class ReconcileApiTest {

    private static final MariaDbServer SERVER = MariaDbServer.shared();
    private static TargetDatabase target;
    private static HikariDataSource sourcePool;
    private static JdbcTemplate source;
    private static ConfigurableApplicationContext app;
    private static String topic;

    @BeforeAll
    static void start() {
        KafkaBroker kafka = KafkaBroker.shared();
        target = TargetDatabase.create(SERVER);
        String sourceDb = SERVER.createDatabase("reconcile_source");
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

    private static JsonNode reconcile(String query) {
        Api.Response response = Api.viewer(app).get("/api/reconcile" + query);
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }

    @Test
    void reportsEqualForAnExactCopyThenTheExactKeysAfterRowsAreChangedByHand() {
        target.clear();
        source.update("DELETE FROM listings");
        ChangeStream stream = new ChangeStream(31);
        try (ChangeProducer producer = new ChangeProducer(KafkaBroker.shared().bootstrapServers())) {
            producer.send(topic, stream.next(300));
        }
        awaitCopyOf(target, stream);
        stream.live().values().forEach(ReconcileApiTest::insertIntoSource);

        JsonNode equal = reconcile("?rangeSize=50");
        assertThat(equal.get("equal").booleanValue()).isTrue();
        assertThat(equal.get("sourceRows").longValue()).isEqualTo(stream.live().size());
        assertThat(equal.get("targetRows").longValue()).isEqualTo(stream.live().size());
        assertThat(equal.get("differingRanges").size()).isZero();

        long changed = stream.live().keySet().stream().sorted().skip(10).findFirst().orElseThrow();
        long missing = stream.live().keySet().stream().sorted().skip(20).findFirst().orElseThrow();
        target.jdbc().update("UPDATE listings SET price = price + 0.01 WHERE id = ?", changed);
        target.jdbc().update("DELETE FROM listings WHERE id = ?", missing);
        JsonNode differs = reconcile("?rangeSize=50");

        assertThat(differs.get("equal").booleanValue()).isFalse();
        assertThat(differs.get("targetRows").longValue()).isEqualTo(stream.live().size() - 1);
        assertThat(differs.get("differingRanges").valueStream()
                .flatMap(r -> r.get("examples").valueStream())
                .map(e -> e.get("id").longValue() + ":" + e.get("difference").stringValue()))
                .containsExactlyInAnyOrder(changed + ":DIFFERENT", missing + ":MISSING_IN_TARGET");
        assertThat(differs.get("differingRanges").valueStream().allMatch(r -> r.get("toId").longValue()
                - r.get("fromId").longValue() == 50)).isTrue();
    }

    @Test
    void comparesAMillionRowsByRangeAndNamesTheOneThatDiffers() {
        // the target table as the sink makes it, then emptied
        new SinkHarness(target, DeleteMode.SOFT).apply(Changes.upsert(Op.CREATE, 1, 1, 1, Changes.at("reconcile", 0, 0)));
        target.clear();
        source.update("DELETE FROM listings");
        // MariaDB's sequence engine fills both sides inside the server: the test measures the
        // comparison, not the loading
        String rows = "SELECT seq, 1000 + seq % 97, CONCAT('İlan ', seq), 'Emlak', 'İstanbul', seq % 100000 + 0.25, 'TRY', "
                + "'ACTIVE', '2026-11-01 09:00:00.123456', '2026-11-01 09:00:00.654321' FROM seq_1_to_1000000";
        source.update("INSERT INTO listings (id, seller_id, title, category, city, price, currency, status, created_at, "
                + "updated_at) " + rows);
        target.jdbc().update("INSERT INTO listings (id, seller_id, title, category, city, price, currency, status, "
                + "created_at, updated_at, _cdc_deleted, _cdc_source_ts, _cdc_applied_at, _cdc_row_hash, _cdc_position) "
                + "SELECT t.*, FALSE, NULL, NOW(6), NULL, X'01000000000001000000000000000401' FROM (" + rows + ") t");
        source.update("UPDATE listings SET city = 'Şişli' WHERE id = 777777");

        JsonNode report = reconcile("");

        assertThat(report.get("sourceRows").longValue()).isEqualTo(1_000_000);
        assertThat(report.get("targetRows").longValue()).isEqualTo(1_000_000);
        assertThat(report.get("rangesCompared").intValue()).isEqualTo(101);
        assertThat(report.get("differingRanges").size()).isEqualTo(1);
        JsonNode range = report.get("differingRanges").get(0);
        assertThat(range.get("fromId").longValue()).isEqualTo(770_000);
        assertThat(range.get("examples").get(0).get("id").longValue()).isEqualTo(777_777);
        assertThat(range.get("examples").get(0).get("difference").stringValue()).isEqualTo("DIFFERENT");
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

    private static void insertIntoSource(Listing l) {
        source.update("INSERT INTO listings (id, seller_id, title, category, city, price, currency, status, created_at, "
                + "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", l.id(), l.sellerId(), l.title(), l.category(),
                l.city(), l.price(), l.currency(), l.status(), l.createdAt(), l.updatedAt());
    }
}
