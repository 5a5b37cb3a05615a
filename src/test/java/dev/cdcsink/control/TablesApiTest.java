package dev.cdcsink.control;

import static dev.cdcsink.support.Pipelines.CATCH_UP;
import static dev.cdcsink.support.Pipelines.awaitCopyOf;
import static dev.cdcsink.support.Pipelines.storedOffsets;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import dev.cdcsink.change.RowChange;
import dev.cdcsink.support.Api;
import dev.cdcsink.support.ChangeProducer;
import dev.cdcsink.support.ChangeStream;
import dev.cdcsink.support.KafkaBroker;
import dev.cdcsink.support.MariaDbServer;
import dev.cdcsink.support.Pipelines;
import dev.cdcsink.support.SinkApp;
import dev.cdcsink.support.TargetDatabase;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/tables}: the tables the sink writes, how they came to be, and what was applied to them. */
class TablesApiTest {

    @Test
    void everyTableTheSinkWritesIsListedWithItsColumnsOriginSchemaChangesAndWhatWasApplied() {
        KafkaBroker kafka = KafkaBroker.shared();
        MariaDbServer server = MariaDbServer.shared();
        try (TargetDatabase target = TargetDatabase.create(server).createListings();
                ChangeProducer producer = new ChangeProducer(kafka.bootstrapServers())) {
            // not the sink's: no bookkeeping columns, so not listed
            target.jdbc().execute("CREATE TABLE audit (id INT PRIMARY KEY)");
            Map<String, String> topics = Pipelines.topicsWithPhotos(kafka, 1);
            ChangeStream source = ChangeStream.withPhotos(41);
            List<RowChange> changes = source.next(120);
            int records = producer.send(topics, changes);
            try (ConfigurableApplicationContext app = SinkApp.start(kafka.bootstrapServers(),
                    server.jdbcUrl(target.schema()), String.join(",", topics.values()), KafkaBroker.uniqueName("g"),
                    Map.of())) {
                awaitCopyOf(target, source);
                await().atMost(CATCH_UP).until(() -> storedOffsets(target, topics.values()) == records);

                Api.Response response = Api.viewer(app).get("/api/tables");
                assertThat(response.status()).isEqualTo(200);
                Map<String, JsonNode> byName = new TreeMap<>();
                response.body().forEach(t -> byName.put(t.get("targetTable").asString(), t));
                assertThat(byName).containsOnlyKeys("listings", "listing_photos");

                JsonNode listings = byName.get("listings");
                assertThat(listings.get("origin").asString()).isEqualTo("existing");
                assertThat(listings.get("sourceTables").get(0).asString()).isEqualTo("shop.listings");
                assertThat(listings.get("changes").get("applied").longValue())
                        .isEqualTo(changes.stream().filter(c -> c.table().table().equals("listings")).count());
                assertThat(listings.get("newestPosition").asString()).matches("\\d{6}:\\d+");
                assertThat(listings.get("newestSourceTime").isNull()).isFalse();
                assertThat(kinds(listings)).containsExactly("ADD_BOOKKEEPING", "ADD_BOOKKEEPING", "ADD_BOOKKEEPING",
                        "ADD_BOOKKEEPING", "ADD_BOOKKEEPING");

                JsonNode photos = byName.get("listing_photos");
                assertThat(photos.get("origin").asString()).isEqualTo("created");
                assertThat(kinds(photos)).containsExactly("CREATE_TABLE");
                assertThat(photos.get("schemaChanges").get(0).get("statement").asString())
                        .startsWith("CREATE TABLE IF NOT EXISTS `listing_photos`");
                List<String> keyColumns = new ArrayList<>();
                photos.get("columns").forEach(c -> {
                    if (c.get("key").booleanValue()) {
                        keyColumns.add(c.get("name").asString() + " " + c.get("type").asString());
                    }
                });
                assertThat(keyColumns).containsExactly("listing_id bigint(20)", "photo_no smallint(5) unsigned");
                assertThat(photos.get("changes").get("applied").longValue())
                        .isEqualTo(changes.stream().filter(c -> c.table().table().equals("listing_photos")).count());

                assertThat(Api.anonymous(app).get("/api/tables").status()).isEqualTo(401);
            }
        }
    }

    private static List<String> kinds(JsonNode table) {
        List<String> kinds = new ArrayList<>();
        table.get("schemaChanges").forEach(c -> kinds.add(c.get("kind").asString()));
        return kinds;
    }
}
