package dev.cdcsink.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.cdcsink.devstack.DebeziumCapture.CapturedRecord;
import dev.cdcsink.generator.DataGenerator;
import dev.cdcsink.support.KafkaBroker;
import dev.cdcsink.support.MariaDbServer;
import dev.cdcsink.support.SinkApp;

/**
 * The whole flow with real parts, as dev mode and the end-to-end tests run it: a source and a
 * target database on a MariaDB server, the Debezium engine capturing the source's
 * {@code listings} into Kafka exactly as a Kafka Connect worker with JsonConverter would publish
 * them, and the service consuming them into the target with its data generator writing to the
 * source. The servers are the caller's (dev mode starts its own on fixed ports, tests share
 * theirs); this class owns the capture, the producer and the service.
 */
public final class DevStack implements AutoCloseable {

    /**
     * @param topicPrefix       Debezium {@code topic.prefix}: the listings topic is {@code <prefix>.<source>.listings}
     * @param sourceDatabase    database the generator writes and Debezium captures
     * @param targetDatabase    database the service keeps the copy in
     * @param partitions        partitions of the listings topic
     * @param captureState      directory of Debezium's offsets and schema history; the same directory resumes
     * @param serviceProperties further service properties, e.g. {@code server.port} or generator settings
     */
    public record Settings(String topicPrefix, String sourceDatabase, String targetDatabase, int partitions,
            Path captureState, Map<String, String> serviceProperties) {

        public String topic() {
            return topicPrefix + "." + sourceDatabase + ".listings";
        }

        /** Where {@code provide.transaction.metadata} sends the BEGIN/END records, as Connect would. */
        public String transactionTopic() {
            return topicPrefix + ".transaction";
        }
    }

    private static final Logger log = LoggerFactory.getLogger(DevStack.class);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

    private final MariaDbServer server;
    private final KafkaBroker kafka;
    private final Settings settings;
    private final KafkaProducer<String, String> producer;
    private final JdbcTemplate target;
    private DebeziumCapture capture;
    private ConfigurableApplicationContext service;

    private DevStack(MariaDbServer server, KafkaBroker kafka, Settings settings) {
        this.server = server;
        this.kafka = kafka;
        this.settings = settings;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0),
                new StringSerializer(), new StringSerializer());
        this.target = new JdbcTemplate(new DriverManagerDataSource(server.jdbcUrl(settings.targetDatabase()),
                server.username(), server.password()));
    }

    /** Creates what is missing (databases, topics), starts the capture, then the service. */
    public static DevStack start(MariaDbServer server, KafkaBroker kafka, Settings settings) {
        for (String database : List.of(settings.sourceDatabase(), settings.targetDatabase())) {
            server.execute("CREATE DATABASE IF NOT EXISTS `" + database
                    + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
        boolean freshTopic = kafka.createTopicIfAbsent(settings.topic(), settings.partitions());
        kafka.createTopicIfAbsent(settings.transactionTopic(), 1);
        DevStack stack = new DevStack(server, kafka, settings);
        if (freshTopic) {
            stack.forgetStoredOffsets();
        }
        stack.startCapture();
        stack.startService();
        return stack;
    }

    /** Starts the Debezium engine; with the same state directory it resumes where it stopped. */
    public synchronized void startCapture() {
        if (capture != null) {
            throw new IllegalStateException("capture is running");
        }
        Properties config = DebeziumCapture.config(settings.topicPrefix(), server, settings.sourceDatabase(),
                settings.captureState());
        config.setProperty("table.include.list", settings.sourceDatabase() + ".listings");
        config.setProperty("tombstones.on.delete", "true");
        // transaction.total_order gives every change of a transaction its own position
        config.setProperty("provide.transaction.metadata", "true");
        capture = DebeziumCapture.start(config, this::publish);
    }

    /** Stops the Debezium engine once everything it delivered is in Kafka and its offsets are stored. */
    public synchronized void stopCapture() {
        if (capture != null) {
            try {
                capture.close();
            } finally {
                capture = null;
            }
        }
    }

    public ConfigurableApplicationContext service() {
        return service;
    }

    public DataGenerator generator() {
        return service.getBean(DataGenerator.class);
    }

    public Settings settings() {
        return settings;
    }

    public String sourceJdbcUrl() {
        return server.jdbcUrl(settings.sourceDatabase());
    }

    public String targetJdbcUrl() {
        return server.jdbcUrl(settings.targetDatabase());
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** Records in the listings topic the service has not applied yet (per the offsets it stores in the target). */
    public long serviceLag() {
        Map<Integer, Long> applied = new HashMap<>();
        target.query("SELECT kafka_partition, next_offset FROM sink_offset WHERE topic = ?",
                rs -> {
                    applied.put(rs.getInt(1), rs.getLong(2));
                }, settings.topic());
        return endOffsets().entrySet().stream()
                .mapToLong(end -> Math.max(0, end.getValue() - applied.getOrDefault(end.getKey(), 0L)))
                .sum();
    }

    /**
     * Stops in the order that loses nothing: the generator, then the capture (its offsets are
     * stored for what reached Kafka), then the service once it has applied what is in Kafka,
     * since an in-process broker does not outlive this run.
     */
    @Override
    public void close() {
        try {
            if (service != null && service.isActive()) {
                generator().halt();
            }
            stopCapture();
            if (service != null && service.isActive()) {
                try {
                    Awaitility.await().atMost(DRAIN_TIMEOUT).pollInterval(Duration.ofMillis(200))
                            .ignoreExceptions().until(() -> serviceLag() == 0);
                } catch (ConditionTimeoutException e) {
                    log.warn("The service had not applied everything in Kafka within {}; the rest goes with the broker",
                            DRAIN_TIMEOUT);
                }
            }
        } finally {
            if (service != null) {
                service.close();
            }
            producer.close();
        }
    }

    private void startService() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("cdc-sink.generator.enabled", "true");
        properties.put("cdc-sink.generator.migrate-source", "true");
        properties.put("cdc-sink.generator.source.jdbc-url", sourceJdbcUrl());
        properties.put("cdc-sink.generator.source.username", server.username());
        properties.put("cdc-sink.generator.source.password", server.password());
        properties.putAll(settings.serviceProperties());
        service = SinkApp.start(kafka.bootstrapServers(), targetJdbcUrl(), settings.topic(), "cdc-sink", properties);
    }

    /**
     * The broker is new, so offsets the target stored for this topic point into a log that no
     * longer exists: a record below them would be skipped as a duplicate. The source positions
     * stored with every row still keep older changes from overwriting newer ones.
     */
    private void forgetStoredOffsets() {
        Integer tables = target.queryForObject("SELECT COUNT(*) FROM information_schema.tables"
                + " WHERE table_schema = DATABASE() AND table_name = 'sink_offset'", Integer.class);
        if (tables != null && tables > 0) {
            target.update("DELETE FROM sink_offset WHERE topic = ?", settings.topic());
        }
    }

    /** Publishes the record as a Connect worker would; waits for the broker so the engine only commits what Kafka has. */
    private void publish(CapturedRecord record) throws ExecutionException, InterruptedException {
        producer.send(new ProducerRecord<>(record.destination(), record.key(), record.value())).get();
    }

    private Map<Integer, Long> endOffsets() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < settings.partitions(); p++) {
                latest.put(new TopicPartition(settings.topic(), p), OffsetSpec.latest());
            }
            return admin.listOffsets(latest).all().get().entrySet().stream()
                    .collect(Collectors.toMap(e -> e.getKey().partition(), e -> e.getValue().offset()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("end offsets of " + settings.topic() + ": " + e.getCause().getMessage(), e);
        }
    }
}
