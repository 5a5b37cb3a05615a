package dev.cdcsink.control;

import static dev.cdcsink.support.Pipelines.CATCH_UP;
import static dev.cdcsink.support.Pipelines.awaitCopyOf;
import static dev.cdcsink.support.Pipelines.changes;
import static dev.cdcsink.support.Pipelines.storedOffsets;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.context.ConfigurableApplicationContext;

import dev.cdcsink.change.RowChange;
import dev.cdcsink.support.Api;
import dev.cdcsink.support.ChangeProducer;
import dev.cdcsink.support.ChangeStream;
import dev.cdcsink.support.Listings;
import dev.cdcsink.support.KafkaBroker;
import dev.cdcsink.support.MariaDbServer;
import dev.cdcsink.support.Pipelines;
import dev.cdcsink.support.SinkApp;
import dev.cdcsink.support.TargetDatabase;

/** Pause, resume, replay and status through the HTTP API, against a real broker and database. */
class PipelineApiTest {

    private static KafkaBroker kafka;
    private static ChangeProducer producer;

    @BeforeAll
    static void start() {
        kafka = KafkaBroker.shared();
        producer = new ChangeProducer(kafka.bootstrapServers());
    }

    @AfterAll
    static void stop() {
        producer.close();
    }

    /** A running instance on its own topics (by source table) and target schema. */
    private record Fixture(TargetDatabase target, Map<String, String> topics, ConfigurableApplicationContext app)
            implements AutoCloseable {

        /** On a listings topic of its own. */
        static Fixture start(int partitions) {
            return start(Map.of("listings", Pipelines.topic(kafka, partitions)));
        }

        static Fixture start(Map<String, String> topics) {
            TargetDatabase target = TargetDatabase.create(MariaDbServer.shared());
            ConfigurableApplicationContext app = SinkApp.start(kafka.bootstrapServers(),
                    MariaDbServer.shared().jdbcUrl(target.schema()), String.join(",", topics.values()),
                    KafkaBroker.uniqueName("g"), Map.of());
            // every partition owned before a test replays: ownership is what a replay checks
            await().atMost(CATCH_UP).until(() -> Api.viewer(app).get("/api/pipeline").body().get("partitions")
                    .valueStream().allMatch(p -> p.get("assignedHere").booleanValue()));
            return new Fixture(target, topics, app);
        }

        /** The listings topic. */
        String topic() {
            return topics.get("listings");
        }

        Api operator() {
            return Api.operator(app);
        }

        @Override
        public void close() {
            app.close();
            target.close();
        }
    }

    @Test
    void readsNeedAViewerAndChangesAnOperator() {
        try (Fixture f = Fixture.start(1)) {
            assertThat(Api.anonymous(f.app()).get("/api/pipeline").status()).isEqualTo(401);
            assertThat(Api.as(f.app(), "viewer", "wrong").get("/api/pipeline").status()).isEqualTo(401);
            assertThat(Api.viewer(f.app()).get("/api/pipeline").status()).isEqualTo(200);
            assertThat(Api.viewer(f.app()).post("/api/pipeline/pause").status()).isEqualTo(403);
            assertThat(Api.viewer(f.app()).post("/api/dead-letters/redrive").status()).isEqualTo(403);
            assertThat(Api.viewer(f.app()).get("/api/pipeline").body().get("state").stringValue()).isEqualTo("RUNNING");
            // probes and scrapers need no credentials, and see no details
            Api.Response health = Api.anonymous(f.app()).get("/actuator/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.body().has("components")).isFalse();
            assertThat(Api.anonymous(f.app()).get("/actuator/prometheus").status()).isEqualTo(200);
            assertThat(Api.anonymous(f.app()).get("/actuator/env").status()).isIn(401, 404);
        }
    }

    @Test
    void pauseStopsEveryWriteUntilResumeWhichCatchesUp() {
        try (Fixture f = Fixture.start(2)) {
            ChangeStream source = new ChangeStream(11);
            producer.send(f.topic(), source.next(200));
            awaitCopyOf(f.target(), source);

            Api.Response paused = f.operator().post("/api/pipeline/pause");
            assertThat(paused.status()).isEqualTo(200);
            assertThat(paused.body().get("state").stringValue()).isEqualTo("PAUSED");
            assertThat(f.operator().post("/api/pipeline/pause").status()).as("idempotent").isEqualTo(200);
            List<Map<String, Object>> frozen = f.target().listingsAsWritten();
            int more = producer.send(f.topic(), source.next(300));

            // the changes keep arriving in Kafka, and not one reaches the target
            await().atMost(CATCH_UP).until(() -> lag(f) >= more);
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> f.target().listingsAsWritten().equals(frozen));

            Api.Response resumed = f.operator().post("/api/pipeline/resume");
            assertThat(resumed.body().get("state").stringValue()).isEqualTo("RUNNING");
            assertThat(f.operator().post("/api/pipeline/resume").status()).as("idempotent").isEqualTo(200);
            awaitCopyOf(f.target(), source);
            await().atMost(CATCH_UP).until(() -> lag(f) == 0);
        }
    }

    private static long lag(Fixture f) {
        return Api.viewer(f.app()).get("/api/pipeline").body().get("partitions").valueStream()
                .mapToLong(p -> p.get("lag").longValue()).sum();
    }

    @Test
    void replayFromEarliestRebuildsATargetEmptiedByHand() {
        try (Fixture f = Fixture.start(3)) {
            ChangeStream source = new ChangeStream(12);
            int records = producer.send(f.topic(), source.next(400));
            awaitCopyOf(f.target(), source);
            await().atMost(CATCH_UP).until(() -> storedOffsets(f.target(), f.topic()) == records);

            f.target().jdbc().update("DELETE FROM listings");
            Api.Response replay = f.operator().post("/api/pipeline/replay", "{\"from\": \"earliest\"}");

            assertThat(replay.status()).isEqualTo(200);
            assertThat(replay.body().get("replay").get("ranges").valueStream().mapToLong(r -> r.get("from").longValue())
                    .sum()).isZero();
            awaitCopyOf(f.target(), source);
            await().atMost(CATCH_UP).until(() -> Api.viewer(f.app()).get("/api/pipeline").body().get("state")
                    .stringValue().equals("RUNNING"));
        }
    }

    /** Only the topics that carry the table are rewound; the other table is not touched. */
    @Test
    void replayOfOneTableRewindsItsTopicsAndRebuildsIt() {
        try (Fixture f = Fixture.start(Pipelines.topicsWithPhotos(kafka, 2))) {
            ChangeStream source = ChangeStream.withPhotos(13);
            int records = producer.send(f.topics(), source.next(300));
            awaitCopyOf(f.target(), source);
            await().atMost(CATCH_UP).until(() -> storedOffsets(f.target(), f.topics().values()) == records);
            List<Map<String, Object>> listings = f.target().listingsAsWritten();

            f.target().jdbc().update("DELETE FROM listing_photos");
            Api.Response replay = f.operator().post("/api/pipeline/replay",
                    "{\"table\": \"shop.listing_photos\", \"from\": \"earliest\"}");

            assertThat(replay.status()).isEqualTo(200);
            assertThat(replay.body().get("replay").get("ranges").valueStream().map(r -> r.get("topic").stringValue())
                    .distinct()).containsExactly(f.topics().get("listing_photos"));
            awaitCopyOf(f.target(), source);
            await().atMost(CATCH_UP).until(() -> Api.viewer(f.app()).get("/api/pipeline").body().get("state")
                    .stringValue().equals("RUNNING"));
            assertThat(f.target().listingsAsWritten()).as("listings not rewritten").isEqualTo(listings);
            // by target table name too; per-partition offsets need the one topic
            assertThat(f.operator().post("/api/pipeline/replay", "{\"table\": \"listing_photos\", \"from\": "
                    + "\"earliest\"}").status()).isEqualTo(200);
            Api.Response unknown = f.operator().post("/api/pipeline/replay", "{\"table\": \"shop.nope\", \"from\": "
                    + "\"earliest\"}");
            assertThat(unknown.status()).isEqualTo(400);
            assertThat(unknown.body().get("detail").stringValue()).contains("no consumed topic carries table 'shop.nope'")
                    .contains("shop.listing_photos → listing_photos");
            assertThat(f.operator().post("/api/pipeline/replay", "{\"table\": \"listings\", \"topic\": \""
                    + f.topic() + "\", \"from\": \"earliest\"}").status()).isEqualTo(400);
            // neither: every topic consumed; offsets are per partition of one topic
            Api.Response all = f.operator().post("/api/pipeline/replay", "{\"from\": \"earliest\"}");
            assertThat(all.body().get("replay").get("ranges").valueStream().map(r -> r.get("topic").stringValue())
                    .distinct()).containsExactlyInAnyOrderElementsOf(f.topics().values());
            Api.Response offsets = f.operator().post("/api/pipeline/replay", "{\"offsets\": {\"0\": 0}}");
            assertThat(offsets.status()).isEqualTo(400);
            assertThat(offsets.body().get("detail").stringValue()).contains("give the \"topic\"");
            awaitCopyOf(f.target(), source);
        }
    }

    @Test
    void replayFromATimestampRewindsToTheFirstChangeAtOrAfterIt() {
        try (Fixture f = Fixture.start(1)) {
            ChangeStream source = new ChangeStream(13);
            producer.send(f.topic(), source.next(100));
            awaitCopyOf(f.target(), source);
            Instant between = Instant.now();
            await().atMost(CATCH_UP).until(() -> Instant.now().isAfter(between.plusMillis(5)));
            List<RowChange> later = source.next(60);
            RecordMetadata first = producer.send(producer.events().record(f.topic(), later.get(0)));
            producer.send(f.topic(), later.subList(1, later.size()));
            awaitCopyOf(f.target(), source);

            // rows created before the timestamp must be left alone, the later ones come back
            Set<Long> createdLater = later.stream().filter(c -> c.before() == null).map(Listings::id)
                    .collect(Collectors.toSet());
            Set<Long> changedLater = later.stream().map(Listings::id).collect(Collectors.toSet());
            List<Map<String, Object>> untouched = f.target().listingsAsWritten().stream()
                    .filter(r -> !changedLater.contains((Long) r.get("id"))).toList();
            f.target().jdbc().update("DELETE FROM listings WHERE id IN (" + createdLater.stream().map(String::valueOf)
                    .collect(Collectors.joining(",")) + ")");

            Api.Response replay = f.operator().post("/api/pipeline/replay", "{\"timestamp\": \"" + between + "\"}");

            assertThat(replay.status()).isEqualTo(200);
            assertThat(replay.body().get("replay").get("ranges").get(0).get("from").longValue()).isEqualTo(first.offset());
            awaitCopyOf(f.target(), source);
            assertThat(f.target().listingsAsWritten().stream()
                    .filter(r -> !changedLater.contains((Long) r.get("id"))).toList())
                    .isEqualTo(untouched);
        }
    }

    @Test
    void aReplayNeverRegressesANewerRow() {
        try (Fixture f = Fixture.start(2)) {
            ChangeStream source = new ChangeStream(14);
            int records = producer.send(f.topic(), source.next(300));
            awaitCopyOf(f.target(), source);
            await().atMost(CATCH_UP).until(() -> storedOffsets(f.target(), f.topic()) == records);
            List<Map<String, Object>> before = f.target().listings();
            long staleBefore = changes(f.app(), "stale");

            assertThat(f.operator().post("/api/pipeline/replay", "{\"from\": \"earliest\"}").status()).isEqualTo(200);

            await().atMost(CATCH_UP).until(() -> storedOffsets(f.target(), f.topic()) == records
                    && changes(f.app(), "stale") > staleBefore);
            await().atMost(CATCH_UP).until(() -> Api.viewer(f.app()).get("/api/pipeline").body().get("state")
                    .stringValue().equals("RUNNING"));
            assertThat(f.target().listings()).isEqualTo(before);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown partition        | {\"from\": \"earliest\", \"partitions\": [7]}       | unknown partition",
            "offset beyond the end    | {\"offsets\": {\"0\": 999999}}                      | outside the log",
            "negative offset          | {\"offsets\": {\"0\": -1}}                          | outside the log",
            "timestamp in the future  | {\"timestamp\": \"2999-01-01T00:00:00Z\"}           | in the future",
            "two starting points      | {\"from\": \"earliest\", \"offsets\": {\"0\": 0}}   | exactly one of",
            "no starting point        | {}                                                  | exactly one of",
            "unsupported from         | {\"from\": \"latest\"}                              | not supported",
            "malformed JSON           | {\"from\":                                          | Failed to read request",
            "unknown field            | {\"from\": \"earliest\", \"force\": true}           | Failed to read request",
            "bad timestamp            | {\"timestamp\": \"yesterday\"}                      | Failed to read request",
    })
    void anInvalidReplayIsA400AndChangesNothing(String name, String body, String detail) {
        try (Fixture f = Fixture.start(1)) {
            ChangeStream source = new ChangeStream(15);
            int records = producer.send(f.topic(), source.next(20));
            await().atMost(CATCH_UP).until(() -> storedOffsets(f.target(), f.topic()) == records);

            Api.Response response = f.operator().post("/api/pipeline/replay", body);

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body().get("detail").stringValue()).contains(detail);
            assertThat(response.body().get("status").intValue()).isEqualTo(400);
            assertThat(response.body().toString()).doesNotContain("Exception", "at dev.", "SELECT");
            assertThat(storedOffsets(f.target(), f.topic())).isEqualTo(records);
            assertThat(Api.viewer(f.app()).get("/api/pipeline").body().get("state").stringValue()).isEqualTo("RUNNING");
        }
    }
}
