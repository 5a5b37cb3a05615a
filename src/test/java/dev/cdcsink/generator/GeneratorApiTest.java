package dev.cdcsink.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.cdcsink.support.Api;
import dev.cdcsink.support.KafkaBroker;
import dev.cdcsink.support.MariaDbServer;
import dev.cdcsink.support.SinkApp;
import dev.cdcsink.support.TargetDatabase;
import tools.jackson.databind.JsonNode;

/** The generator's REST API on the real service, writing to a real source database. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GeneratorApiTest {

    private static final String PATH = "/api/generator";

    private static TargetDatabase target;
    private static JdbcTemplate source;
    private static ConfigurableApplicationContext app;
    private static Api operator;

    @BeforeAll
    static void startService() {
        MariaDbServer server = MariaDbServer.shared();
        KafkaBroker kafka = KafkaBroker.shared();
        String topic = KafkaBroker.uniqueName("generator-api");
        kafka.createTopic(topic, 1);
        target = TargetDatabase.create(server);
        String sourceDb = server.createDatabase("generator_source");
        app = SinkApp.start(kafka.bootstrapServers(), server.jdbcUrl(target.schema()), topic, topic, Map.of(
                "cdc-sink.source.jdbc-url", server.jdbcUrl(sourceDb),
                "cdc-sink.source.migrate", "true",
                "cdc-sink.generator.rate", "2.5",
                "cdc-sink.generator.seed", "42"));
        operator = Api.operator(app);
        source = new JdbcTemplate(new DriverManagerDataSource(server.jdbcUrl(sourceDb), server.username(),
                server.password()));
    }

    @AfterAll
    static void stopService() {
        app.close();
        target.close();
    }

    @AfterEach
    void stopGenerator() {
        post("/stop", null);
    }

    @Test
    @Order(1) // before any start replaces the configured settings
    void statusShowsTheConfiguredSettingsBeforeAnyStart() {
        JsonNode status = get();

        assertThat(status.get("running").asBoolean()).isFalse();
        assertThat(status.get("rate").asDouble()).isEqualTo(2.5);
        assertThat(status.get("seed").asLong()).isEqualTo(42);
        assertThat(status.get("mix").toString()).isEqualTo("{\"insert\":80,\"update\":15,\"delete\":5}");
        assertThat(status.get("rows").propertyNames()).containsExactly("insert", "update", "delete");
        assertThat(status.get("tables").propertyNames()).containsExactly("listings", "listing_photos", "listing_details");
        status.get("tables").forEach(table -> assertThat(table.toString())
                .isEqualTo("{\"insert\":0,\"update\":0,\"delete\":0}"));
    }

    @Test
    void startWithARateAndMixWritesRowsUntilStopped() {
        JsonNode before = get();

        Api.Response started = post("/start", "{\"rate\": 200, \"mix\": {\"insert\": 1, \"update\": 0, \"delete\": 0}}");
        assertThat(started.status()).isEqualTo(200);
        JsonNode status = started.body();
        assertThat(status.get("running").asBoolean()).isTrue();
        assertThat(status.get("rate").asDouble()).isEqualTo(200.0);
        assertThat(status.get("mix").get("insert").asInt()).isEqualTo(1);

        await().atMost(Duration.ofSeconds(20)).until(() -> rows(get(), "listings", "insert")
                >= rows(before, "listings", "insert") + 50);
        JsonNode stopped = post("/stop", null).body();

        assertThat(stopped.get("running").asBoolean()).isFalse();
        assertThat(stopped.get("rows").get("update")).isEqualTo(before.get("rows").get("update"));
        assertThat(stopped.get("rows").get("delete")).isEqualTo(before.get("rows").get("delete"));
        // new listings come with photos and details
        assertThat(rows(stopped, "listing_photos", "insert")).isGreaterThan(rows(before, "listing_photos", "insert"));
        assertThat(rows(stopped, "listing_details", "insert")).isGreaterThan(rows(before, "listing_details", "insert"));
        // once stop has returned nothing more is written, and every counted row is in the source
        assertThat(get()).isEqualTo(stopped);
        assertEveryCountedRowIsInTheSource(stopped);
        assertThat(source.queryForObject("SELECT COUNT(DISTINCT currency) FROM listings", Integer.class)).isGreaterThan(1);
    }

    @Test
    void withUpdatesAndDeletesTheCountsPerTableAddUpToTheSourceTables() {
        JsonNode before = get();

        post("/start", "{\"rate\": 200, \"mix\": {\"insert\": 60, \"update\": 30, \"delete\": 10}}");
        await().atMost(Duration.ofSeconds(30)).until(() -> rows(get(), "listing_details", "delete")
                > rows(before, "listing_details", "delete") && rows(get(), "listing_photos", "update")
                > rows(before, "listing_photos", "update"));
        JsonNode stopped = post("/stop", null).body();

        for (String table : List.of("listings", "listing_photos", "listing_details")) {
            for (String op : List.of("insert", "update", "delete")) {
                assertThat(rows(stopped, table, op)).as("%s %s", table, op).isGreaterThan(rows(before, table, op));
            }
        }
        for (String op : List.of("insert", "update", "delete")) {
            long perTable = 0;
            for (JsonNode table : stopped.get("tables")) {
                perTable += table.get(op).asLong();
            }
            assertThat(stopped.get("rows").get(op).asLong()).as("%s over all tables", op).isEqualTo(perTable);
        }
        assertEveryCountedRowIsInTheSource(stopped);
    }

    @Test
    void startWithoutABodyKeepsTheCurrentSettings() {
        post("/start", "{\"rate\": 3.5}");
        post("/stop", null);

        Api.Response started = post("/start", null);

        assertThat(started.status()).isEqualTo(200);
        JsonNode status = started.body();
        assertThat(status.get("running").asBoolean()).isTrue();
        assertThat(status.get("rate").asDouble()).isEqualTo(3.5);
        assertThat(get().get("running").asBoolean()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"rate\": 0}",
            "{\"rate\": -1}",
            "{\"rate\": 1e9}",
            "{\"rate\": \"fast\"}",
            "{\"rate\": 5",
            "[1, 2]",
            "{\"rtae\": 5}",
            "{\"mix\": {\"insert\": 0, \"update\": 0, \"delete\": 0}}",
            "{\"mix\": {\"insert\": -1, \"update\": 5, \"delete\": 5}}",
            "{\"mix\": {\"insrt\": 5}}" })
    void badInputIsA400ProblemDetailAndChangesNothing(String body) {
        JsonNode before = get();

        Api.Response response = post("/start", body);

        assertThat(response.status()).isEqualTo(400);
        JsonNode problem = response.body();
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("detail").asString()).isNotBlank();
        assertThat(problem.toString()).doesNotContain("Exception", "\tat ", "SQL", "jackson", "dev.cdcsink");
        assertThat(get()).isEqualTo(before);
    }

    @Test
    void aRateOverTheLimitNamesTheField() {
        JsonNode problem = post("/start", "{\"rate\": 5000.5}").body();

        assertThat(problem.get("detail").asString()).startsWith("rate: ");
        assertThat(problem.get("errors").get(0).asString()).startsWith("rate: ");
    }

    @Test
    void anUnknownFieldIsNamed() {
        JsonNode problem = post("/start", "{\"rtae\": 5}").body();

        assertThat(problem.get("detail").asString()).startsWith("unknown field 'rtae'");
    }

    @Test
    void aViewerSeesTheStatusButCannotStartAndAnAnonymousCallerNeither() {
        assertThat(Api.viewer(app).get(PATH).status()).isEqualTo(200);
        assertThat(Api.viewer(app).post(PATH + "/start").status()).isEqualTo(403);
        assertThat(Api.anonymous(app).get(PATH).status()).isEqualTo(401);
        assertThat(get().get("running").asBoolean()).isFalse();
    }

    /**
     * Every row the status counts as inserted and not deleted is in the source, table by table,
     * and nothing else is: the generator is the only writer of this source.
     */
    private static void assertEveryCountedRowIsInTheSource(JsonNode status) {
        for (String table : List.of("listings", "listing_photos", "listing_details")) {
            assertThat(source.queryForObject("SELECT COUNT(*) FROM " + table, Long.class)).as(table)
                    .isEqualTo(rows(status, table, "insert") - rows(status, table, "delete"));
        }
        // a listing's photos and details go with it
        assertThat(source.queryForObject("SELECT COUNT(*) FROM listing_photos p WHERE NOT EXISTS"
                + " (SELECT 1 FROM listings l WHERE l.id = p.listing_id)", Long.class)).isZero();
        assertThat(source.queryForObject("SELECT COUNT(*) FROM listing_details d WHERE NOT EXISTS"
                + " (SELECT 1 FROM listings l WHERE l.id = d.listing_id)", Long.class)).isZero();
    }

    private static long rows(JsonNode status, String table, String op) {
        return status.get("tables").get(table).get(op).asLong();
    }

    private static JsonNode get() {
        Api.Response response = operator.get(PATH);
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }

    private static Api.Response post(String path, String json) {
        return json == null ? operator.post(PATH + path) : operator.post(PATH + path, json);
    }
}
