package dev.cdcsink.consumer;

import static dev.cdcsink.support.Pipelines.CATCH_UP;
import static dev.cdcsink.support.Pipelines.awaitCopyOf;
import static dev.cdcsink.support.Pipelines.changes;
import static dev.cdcsink.support.Pipelines.storedOffsets;
import static dev.cdcsink.support.TopicRecords.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.support.KafkaHeaders;

import dev.cdcsink.change.Op;
import dev.cdcsink.change.RowChange;
import dev.cdcsink.change.RowKey;
import dev.cdcsink.change.SourcePosition;
import dev.cdcsink.generator.Listing;
import dev.cdcsink.support.Api;
import dev.cdcsink.support.ChangeProducer;
import dev.cdcsink.support.ChangeStream;
import dev.cdcsink.support.KafkaBroker;
import dev.cdcsink.support.Listings;
import dev.cdcsink.support.MariaDbServer;
import dev.cdcsink.support.Pipelines;
import dev.cdcsink.support.SinkApp;
import dev.cdcsink.support.TargetDatabase;
import dev.cdcsink.support.TargetKind;
import dev.cdcsink.support.TargetServer;
import dev.cdcsink.support.TopicRecords;

import io.micrometer.core.instrument.MeterRegistry;

/** The whole consumer path against a real broker and a real MariaDB server (and PostgreSQL where marked). */
class ChangeListenerTest {

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

    private static String topic(int partitions) {
        return Pipelines.topic(kafka, partitions);
    }

    private static ConfigurableApplicationContext sink(TargetDatabase target, TargetServer server, String topic,
            String group) {
        return sink(target, server, topic, group, Map.of());
    }

    private static ConfigurableApplicationContext sink(TargetDatabase target, TargetServer server,
            Map<String, String> topics, String group) {
        return sink(target, server, String.join(",", new TreeSet<>(topics.values())), group);
    }

    private static ConfigurableApplicationContext sink(TargetDatabase target, TargetServer server, String topic,
            String group, Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("cdc-sink.target.username", server.username());
        all.put("cdc-sink.target.password", server.password());
        return SinkApp.start(kafka.bootstrapServers(), server.jdbcUrl(target.schema()), topic, group, all);
    }

    /**
     * Produces 600 changes to a new topic, runs a sink with {@code settings} until the target is an
     * exact copy with every offset stored, checks each change was applied once, then runs
     * {@code more} with the running sink and the number of records produced.
     */
    private static void appliedOnceEach(int partitions, long seed, Map<String, String> settings,
            BiConsumer<ConfigurableApplicationContext, Integer> more) {
        MariaDbServer server = MariaDbServer.shared();
        try (TargetDatabase target = TargetDatabase.create(server)) {
            String topic = topic(partitions);
            ChangeStream source = new ChangeStream(seed);
            List<RowChange> changes = source.next(600);
            int records = producer.send(topic, changes);

            try (ConfigurableApplicationContext app = sink(target, server, topic, KafkaBroker.uniqueName("g"), settings)) {
                awaitCopyOf(target, source);
                await().atMost(CATCH_UP).until(() -> storedOffsets(target, topic) == records);
                assertThat(changes(app, "applied")).isEqualTo(changes.size());
                assertThat(changes(app, "duplicate")).isZero();
                more.accept(app, records);
            }
        }
    }

    private static java.util.Collection<TopicPartition> assigned(ConfigurableApplicationContext app) {
        var container = app.getBean(org.springframework.kafka.config.KafkaListenerEndpointRegistry.class)
                .getListenerContainer(ChangeListener.ID);
        var partitions = container == null ? null : container.getAssignedPartitions();
        return partitions == null ? List.of() : partitions;
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected) {
        await().atMost(CATCH_UP).until(() -> TopicRecords.readAll(kafka, topic).size() >= expected);
        return TopicRecords.readAll(kafka, topic);
    }

    @Test
    void producedChangesEndAsAnExactCopyAppliedOnceEach() {
        appliedOnceEach(3, 1, Map.of(), (app, records) -> assertThat(changes(app, "dead_lettered")).isZero());
    }

    @Test
    void aPollLargerThanATransactionIsAppliedAsSeveralEachWithItsOffsets() {
        appliedOnceEach(1, 6, Map.of("cdc-sink.sink.chunk-size", "50"), (app, records) -> {
            var transactions = app.getBean(MeterRegistry.class).get("cdc.sink.batch.size").summary();
            assertThat(transactions.max()).isLessThanOrEqualTo(50);
            assertThat(transactions.count()).isGreaterThanOrEqualTo((records + 49) / 50);
            assertThat(transactions.totalAmount()).isEqualTo((double) records);
        });
    }

    @Test
    void poisonRecordsAreDeadLetteredWithTheirOriginAndEveryOtherChangeApplies() {
        MariaDbServer server = MariaDbServer.shared();
        try (TargetDatabase target = TargetDatabase.create(server).createListings()) {
            // a rule of the target's own that one row breaks: the database, not the parser, rejects it
            target.jdbc().execute("ALTER TABLE listings ADD CONSTRAINT no_rejects CHECK (title NOT LIKE 'REJECT%')");
            String topic = topic(1);
            ChangeStream source = new ChangeStream(2);
            producer.send(topic, source.next(50));
            RecordMetadata malformed = producer.send(new ProducerRecord<>(topic, "{\"id\":9}".getBytes(),
                    "{\"payload\": {\"op\": \"c\", ".getBytes()));
            producer.send(topic, source.next(50));
            LocalDateTime now = LocalDateTime.of(2026, 11, 21, 12, 0, 0, 123_456_000);
            Listing tooLong = new Listing(900_001, 1L, "x".repeat(201), "Emlak", "İzmir", new java.math.BigDecimal("1.00"),
                    "TRY", "ACTIVE", now, now);
            RecordMetadata invalid = producer.send(producer.events().record(topic, Listings.change(Op.CREATE, 900_001L,
                    null, tooLong, SourcePosition.binlog(1, 4, false), Instant.now(), null)));
            Listing rejected = new Listing(900_002, 1L, "REJECT me", "Emlak", "İzmir", new java.math.BigDecimal("1.00"),
                    "TRY", "ACTIVE", now, now);
            RecordMetadata rejectedByTarget = producer.send(producer.events().record(topic, Listings.change(Op.CREATE, 900_002L, null, rejected, SourcePosition.binlog(1, 5, false), Instant.now(), null)));
            int tail = producer.send(topic, source.next(50));

            try (ConfigurableApplicationContext app = sink(target, server, topic, KafkaBroker.uniqueName("g"))) {
                awaitCopyOf(target, source);
                List<ConsumerRecord<byte[], byte[]>> dead = readAll(topic + ".DLT", 3);

                assertThat(dead).hasSize(3);
                Map<Long, ConsumerRecord<byte[], byte[]>> byOffset = dead.stream().collect(Collectors.toMap(
                        r -> ByteBuffer.wrap(r.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET).value()).getLong(),
                        r -> r));
                assertThat(byOffset).containsOnlyKeys(malformed.offset(), invalid.offset(), rejectedByTarget.offset());
                for (ConsumerRecord<byte[], byte[]> r : dead) {
                    assertThat(header(r, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(topic);
                    assertThat(ByteBuffer.wrap(r.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_PARTITION).value()).getInt())
                            .isZero();
                    assertThat(header(r, KafkaHeaders.DLT_EXCEPTION_FQCN)).isEqualTo(PoisonRecordException.class.getName());
                }
                assertThat(header(byOffset.get(malformed.offset()), KafkaHeaders.DLT_EXCEPTION_MESSAGE)).startsWith("MALFORMED_JSON");
                assertThat(header(byOffset.get(invalid.offset()), KafkaHeaders.DLT_EXCEPTION_MESSAGE))
                        .startsWith("INVALID_VALUE").contains("title");
                assertThat(header(byOffset.get(rejectedByTarget.offset()), KafkaHeaders.DLT_EXCEPTION_MESSAGE))
                        .startsWith("INVALID_VALUE: the target rejected the row");
                // the dead letter is the original record, unchanged
                assertThat(byOffset.get(malformed.offset()).value()).isEqualTo("{\"payload\": {\"op\": \"c\", ".getBytes());
                assertThat(changes(app, "dead_lettered")).isEqualTo(3);
                await().atMost(CATCH_UP).until(() -> storedOffsets(target, topic) == rejectedByTarget.offset() + 1 + tail);
            }
        }
    }

    @Test
    void targetDatabaseDownMidStreamIsWaitedOutWithNothingLostDeadLetteredOrAppliedTwice() throws Exception {
        try (MariaDbServer server = MariaDbServer.start("outage");
                TargetDatabase target = TargetDatabase.create(server)) {
            String topic = topic(2);
            ChangeStream source = new ChangeStream(3);
            int produced = producer.send(topic, source.next(200));
            try (ConfigurableApplicationContext app = sink(target, server, topic, KafkaBroker.uniqueName("g"))) {
                awaitCopyOf(target, source);
                Api probe = Api.anonymous(app);
                String readiness = "/actuator/health/readiness";
                assertThat(probe.get(readiness).status()).isEqualTo(200);

                server.stop();
                produced += producer.send(topic, source.next(200));
                await().atMost(CATCH_UP).until(() -> probe.get(readiness).status() == 503);
                assertThat(app.getBean(PipelineState.class).snapshot().status()).isEqualTo(PipelineState.Status.BACKING_OFF);
                MeterRegistry meters = app.getBean(MeterRegistry.class);
                await().atMost(CATCH_UP).until(() -> meters.get("cdc.sink.failures").tag("kind", "transient").counter()
                        .count() > 0);
                assertThat(meters.get("cdc.sink.pipeline.state").tag("state", "backing_off").gauge().value()).isEqualTo(1);
                assertThat(meters.get("cdc.sink.pipeline.state").tag("state", "running").gauge().value()).isZero();

                server.restart();
                awaitCopyOf(target, source);
                int records = produced;
                await().atMost(CATCH_UP).until(() -> storedOffsets(target, topic) == records);
                await().atMost(CATCH_UP).until(() -> probe.get(readiness).status() == 200);
                // a batch whose commit reached the server before the connection died is redelivered
                // and recognised as a duplicate; none is applied twice and none dead-lettered
                assertThat(changes(app, "applied") + changes(app, "duplicate")).isEqualTo(400);
                assertThat(changes(app, "dead_lettered")).isZero();
                assertThat(meters.get("cdc.sink.pipeline.state").tag("state", "running").gauge().value()).isEqualTo(1);
                assertThat(meters.get("cdc.sink.failures").tag("kind", "dead_letter").counter().count()).isZero();
            }
        }
    }

    /**
     * Over two tables, one with a composite key, on each target product: each batch writes both in
     * one transaction with their offsets.
     */
    @ParameterizedTest
    @EnumSource(TargetKind.class)
    void consumerKilledAfterTheTargetCommittedButBeforeKafkaDidResumesFromTheStoredOffset(TargetKind kind)
            throws Exception {
        TargetServer server = kind.server();
        try (TargetDatabase target = TargetDatabase.create(server)) {
            Map<String, String> topics = Pipelines.topicsWithPhotos(kafka, 2);
            String group = KafkaBroker.uniqueName("g");
            ChangeStream source = ChangeStream.withPhotos(4);
            int first = producer.send(topics, source.next(300));
            try (ConfigurableApplicationContext app = sink(target, server, topics, group)) {
                awaitCopyOf(target, source);
                await().atMost(CATCH_UP).until(() -> storedOffsets(target, topics.values()) == first);
            }
            // what a kill between the two commits leaves: the target has everything, Kafka's
            // committed offsets have nothing
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                Map<TopicPartition, OffsetAndMetadata> zero = new HashMap<>();
                for (String topic : topics.values()) {
                    zero.put(new TopicPartition(topic, 0), new OffsetAndMetadata(0));
                    zero.put(new TopicPartition(topic, 1), new OffsetAndMetadata(0));
                }
                admin.alterConsumerGroupOffsets(group, zero).all().get();
            }
            List<Map<String, Object>> listings = target.listingsAsWritten();
            List<Map<String, Object>> photos = target.rows("listing_photos", "listing_id, photo_no", true);

            List<RowChange> more = source.next(40);
            int second = producer.send(topics, more);
            try (ConfigurableApplicationContext app = sink(target, server, topics, group)) {
                awaitCopyOf(target, source);
                await().atMost(CATCH_UP).until(() -> storedOffsets(target, topics.values()) == first + second);
                assertThat(changes(app, "applied")).isEqualTo(more.size());
                assertThat(changes(app, "duplicate")).isZero();
            }
            // rows the second run did not touch were not rewritten either
            Set<Object> touched = more.stream().map(c -> c.table().table() + c.key()).collect(Collectors.toSet());
            assertThat(untouched(target.listingsAsWritten(), touched, "listings", "id"))
                    .containsExactlyInAnyOrderElementsOf(untouched(listings, touched, "listings", "id"));
            assertThat(untouched(target.rows("listing_photos", "listing_id, photo_no", true), touched, "listing_photos",
                    "listing_id", "photo_no"))
                    .containsExactlyInAnyOrderElementsOf(untouched(photos, touched, "listing_photos", "listing_id", "photo_no"));
        }
    }

    private static List<Map<String, Object>> untouched(List<Map<String, Object>> rows, Set<Object> touched,
            String table, String... key) {
        return rows.stream().filter(r -> !touched.contains(table + new RowKey(
                Arrays.stream(key).map(r::get).toArray()))).toList();
    }

    /** Over two tables, one with a composite key, on each target product. */
    @ParameterizedTest
    @EnumSource(TargetKind.class)
    void twoInstancesInOneGroupRebalancingMidStreamLeaveAnExactCopy(TargetKind kind) {
        TargetServer server = kind.server();
        try (TargetDatabase target = TargetDatabase.create(server)) {
            Map<String, String> topics = Pipelines.topicsWithPhotos(kafka, 4);
            String group = KafkaBroker.uniqueName("g");
            ChangeStream source = ChangeStream.withPhotos(5);
            int produced = producer.send(topics, source.next(300));
            ConfigurableApplicationContext first = sink(target, server, topics, group);
            MeterRegistry firstMetrics = first.getBean(MeterRegistry.class);
            ConfigurableApplicationContext second;
            try {
                await().atMost(CATCH_UP).until(() -> storedOffsets(target, topics.values()) > 0);
                second = sink(target, server, topics, group);
                await().atMost(CATCH_UP).until(() -> !assigned(second).isEmpty() && !assigned(first).isEmpty());
                produced += producer.send(topics, source.next(300));
                await().atMost(CATCH_UP).until(() -> changes(second, "applied") > 0 && changes(first, "applied") > 300);
                produced += producer.send(topics, source.next(300));
            } finally {
                first.close();
            }
            try (ConfigurableApplicationContext survivor = second) {
                produced += producer.send(topics, source.next(100));
                awaitCopyOf(target, source);
                int records = produced;
                await().atMost(CATCH_UP).until(() -> storedOffsets(target, topics.values()) == records);
                long appliedByFirst = changes(firstMetrics, "applied");
                assertThat(appliedByFirst + changes(survivor, "applied")).isEqualTo(1000);
            }
        }
    }
}
