package dev.cdcsink.consumer;

import static dev.cdcsink.support.Pipelines.CATCH_UP;
import static dev.cdcsink.support.Pipelines.awaitCopyOf;
import static dev.cdcsink.support.Pipelines.changes;
import static dev.cdcsink.support.Pipelines.storedOffsets;
import static dev.cdcsink.support.TopicRecords.header;
import static dev.cdcsink.support.TopicRecords.originalOffset;
import static dev.cdcsink.support.TopicRecords.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.support.KafkaHeaders;

import tools.jackson.databind.JsonNode;

import dev.cdcsink.change.RowChange;
import dev.cdcsink.support.Api;
import dev.cdcsink.support.ChangeProducer;
import dev.cdcsink.support.ChangeStream;
import dev.cdcsink.support.KafkaBroker;
import dev.cdcsink.support.MariaDbServer;
import dev.cdcsink.support.SinkApp;
import dev.cdcsink.support.TargetDatabase;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Nothing is dropped on bad input: a record that can never be applied is in the dead-letter topic,
 * exactly once, before its partition moves on, however large it is and however often it is read.
 */
class DeadLetterSafetyTest {

    /** Larger than the producer's 1 MB default {@code max.request.size}, which used to lose such a dead letter. */
    private static final int LARGE = 1_500_000;
    private static final String BIG_TOPIC_LIMIT = "3000000";

    private static KafkaBroker kafka;
    private static ChangeProducer producer;
    private static KafkaProducer<byte[], byte[]> largeRecords;

    @BeforeAll
    static void start() {
        kafka = KafkaBroker.shared();
        producer = new ChangeProducer(kafka.bootstrapServers());
        largeRecords = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4_000_000, ProducerConfig.ACKS_CONFIG, "all"),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void stop() {
        producer.close();
        largeRecords.close();
    }

    /** A malformed record of {@link #LARGE} bytes: as poison as it gets, and too large for default producers. */
    private static RecordMetadata sendLargePoison(String topic) throws Exception {
        byte[] value = new byte[LARGE];
        Arrays.fill(value, (byte) 'x');
        return largeRecords.send(new ProducerRecord<>(topic, "{\"id\":7}".getBytes(StandardCharsets.UTF_8), value)).get();
    }

    private static ConfigurableApplicationContext sink(TargetDatabase target, String topic) {
        return SinkApp.start(kafka.bootstrapServers(), MariaDbServer.shared().jdbcUrl(target.schema()), topic,
                KafkaBroker.uniqueName("g"), Map.of("cdc-sink.consumer.dead-letter.timeout", "5s"));
    }

    @Test
    void aPoisonRecordLargerThanAProducerSendsByDefaultIsDeadLetteredAndTheRestApplies() throws Exception {
        try (TargetDatabase target = TargetDatabase.create(MariaDbServer.shared())) {
            String topic = KafkaBroker.uniqueName("cdc.shop.listings");
            kafka.createTopic(topic, 1, Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, BIG_TOPIC_LIMIT));
            kafka.createTopic(topic + ".DLT", 1, Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, BIG_TOPIC_LIMIT));
            ChangeStream source = new ChangeStream(31);
            producer.send(topic, source.next(20));
            RecordMetadata poison = sendLargePoison(topic);
            int tail = producer.send(topic, source.next(20));

            try (ConfigurableApplicationContext app = sink(target, topic)) {
                awaitCopyOf(target, source);
                await().atMost(CATCH_UP).until(() -> storedOffsets(target, topic) == poison.offset() + 1 + tail);

                List<ConsumerRecord<byte[], byte[]>> dead = readAll(kafka, topic + ".DLT");
                assertThat(dead).hasSize(1);
                assertThat(dead.get(0).value()).hasSize(LARGE);
                assertThat(originalOffset(dead.get(0))).isEqualTo(poison.offset());
                assertThat(changes(app, "dead_lettered")).isEqualTo(1);
            }
        }
    }

    @Test
    void aDeadLetterTheBrokerRefusesHoldsItsPartitionAndGoesThroughOnceItFits() throws Exception {
        try (TargetDatabase target = TargetDatabase.create(MariaDbServer.shared())) {
            String topic = KafkaBroker.uniqueName("cdc.shop.listings");
            String deadLetterTopic = topic + ".DLT";
            kafka.createTopic(topic, 1, Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, BIG_TOPIC_LIMIT));
            // the broker's default limit: the large poison record does not fit
            kafka.createTopic(deadLetterTopic, 1);
            ChangeStream source = new ChangeStream(32);
            producer.send(topic, source.next(20));
            RecordMetadata poison = sendLargePoison(topic);
            producer.send(topic, source.next(20));

            try (ConfigurableApplicationContext app = sink(target, topic)) {
                Api viewer = Api.viewer(app);
                await().atMost(CATCH_UP).until(() -> viewer.get("/actuator/health/readiness").body().path("components")
                        .path("pipeline").path("details").path("status").stringValue().equals("BACKING_OFF"));
                JsonNode pipeline = viewer.get("/actuator/health/readiness").body().path("components").path("pipeline");
                assertThat(pipeline.path("details").path("status").stringValue()).isEqualTo("BACKING_OFF");
                assertThat(pipeline.path("details").path("lastFailure").stringValue())
                        .contains("not published to " + deadLetterTopic).contains("max.message.bytes");
                assertThat(app.getBean(MeterRegistry.class).get("cdc.sink.failures")
                        .tag("kind", "transient").counter().count()).isPositive();
                assertThat(viewer.get("/actuator/health/readiness").status()).isEqualTo(503);
                // the partition does not move past the record while its dead letter is not safely published
                assertThat(storedOffsets(target, topic)).isLessThanOrEqualTo(poison.offset());
                assertThat(readAll(kafka, deadLetterTopic)).isEmpty();

                try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers()))) {
                    ConfigResource dlt = new ConfigResource(ConfigResource.Type.TOPIC, deadLetterTopic);
                    admin.incrementalAlterConfigs(Map.of(dlt, List.of(new AlterConfigOp(new ConfigEntry(
                            TopicConfig.MAX_MESSAGE_BYTES_CONFIG, BIG_TOPIC_LIMIT), AlterConfigOp.OpType.SET))))
                            .all().get();
                }

                awaitCopyOf(target, source);
                await().atMost(CATCH_UP).until(() -> viewer.get("/actuator/health/readiness").status() == 200);
                List<ConsumerRecord<byte[], byte[]>> dead = readAll(kafka, deadLetterTopic);
                assertThat(dead).hasSize(1);
                assertThat(originalOffset(dead.get(0))).isEqualTo(poison.offset());
                assertThat(changes(app, "dead_lettered")).isEqualTo(1);
            }
        }
    }

    @Test
    void aReplayReadsPoisonAgainWithoutDeadLetteringItTwice() {
        try (TargetDatabase target = TargetDatabase.create(MariaDbServer.shared())) {
            String topic = KafkaBroker.uniqueName("cdc.shop.listings");
            kafka.createTopic(topic, 1);
            kafka.createTopic(topic + ".DLT", 1);
            ChangeStream source = new ChangeStream(33);
            List<RowChange> changes = new ArrayList<>(source.next(20));
            producer.send(topic, changes);
            RecordMetadata malformed = producer.send(new ProducerRecord<>(topic, "{\"id\":5}".getBytes(),
                    "not json".getBytes()));
            List<RowChange> more = source.next(20);
            changes.addAll(more);
            int records = (int) malformed.offset() + 1 + producer.send(topic, more);

            String group = KafkaBroker.uniqueName("g");
            try (ConfigurableApplicationContext app = SinkApp.start(kafka.bootstrapServers(),
                    MariaDbServer.shared().jdbcUrl(target.schema()), topic, group, Map.of())) {
                awaitCopyOf(target, source);
                await().atMost(CATCH_UP).until(() -> readAll(kafka, topic + ".DLT").size() == 1);
                await().atMost(CATCH_UP).until(() -> Api.viewer(app).get("/api/pipeline").body().get("partitions")
                        .valueStream().allMatch(p -> p.get("assignedHere").booleanValue()));

                assertThat(Api.operator(app).post("/api/pipeline/replay", "{\"from\": \"earliest\"}").status())
                        .isEqualTo(200);
                // every change again, and the poison record too, is a duplicate now
                await().atMost(CATCH_UP).until(() -> storedOffsets(target, topic) == records
                        && changes(app, "duplicate") + changes(app, "stale") == changes.size() + 1);

                List<ConsumerRecord<byte[], byte[]>> dead = readAll(kafka, topic + ".DLT");
                assertThat(dead).hasSize(1);
                assertThat(header(dead.get(0), KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP)).isEqualTo(group);
                assertThat(changes(app, "dead_lettered")).isEqualTo(1);
                JsonNode listed = Api.viewer(app).get("/api/dead-letters").body();
                assertThat(listed.get("newest")).hasSize(1);
            }
        }
    }
}
