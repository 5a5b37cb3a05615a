package dev.cdcsink.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;
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
import dev.cdcsink.generator.GeneratorTable;
import dev.cdcsink.support.KafkaBroker;
import dev.cdcsink.support.MariaDbServer;
import dev.cdcsink.support.PostgresServer;
import dev.cdcsink.support.SinkApp;
import dev.cdcsink.support.TargetServer;

/**
 * The whole flow with real parts, as dev mode and the end-to-end tests run it: a source database
 * on a MariaDB or PostgreSQL server with the generator's schema ({@code db/source/<product>}), a
 * target database on a MariaDB or PostgreSQL server, the Debezium engine (the MariaDB connector,
 * or the PostgreSQL connector with {@code pgoutput}) capturing every table of the source (those the
 * data generator writes, {@code listings}, {@code listing_photos}, {@code listing_details}, and on
 * MariaDB any created later) into one Kafka topic each, exactly as a Kafka Connect worker with
 * JsonConverter would publish them, and the service consuming those topics (by pattern, so a new
 * table's topic too) into the target, where it creates the tables itself from the events (with the
 * source's column types, {@code column.propagate.source.type}) and follows their schema changes,
 * while its data generator writes to the source. The servers are the caller's (dev mode starts its
 * own on fixed ports, tests share theirs); this class owns the capture, the producer and the service.
 */
public final class DevStack implements AutoCloseable {

    /**
     * @param topicPrefix       Debezium {@code topic.prefix}: a table's topic is {@code <prefix>.<database>.<table>}
     *                          on MariaDB, {@code <prefix>.public.<table>} on PostgreSQL
     * @param sourceDatabase    database the generator writes and Debezium captures
     * @param targetDatabase    database the service keeps the copies in
     * @param partitions        partitions of each change topic
     * @param captureState      directory of Debezium's offsets and schema history; the same directory resumes
     * @param serviceProperties further service properties, e.g. {@code server.port} or generator settings
     */
    public record Settings(String topicPrefix, String sourceDatabase, String targetDatabase, int partitions,
            Path captureState, Map<String, String> serviceProperties) {
    }

    /** The publication the PostgreSQL source schema creates ({@code db/source/postgresql}) and the connector streams. */
    static final String PUBLICATION = "cdc_sink";

    private static final Logger log = LoggerFactory.getLogger(DevStack.class);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

    private final TargetServer source;
    private final TargetServer targetServer;
    private final KafkaBroker kafka;
    private final Settings settings;
    private final KafkaProducer<String, String> producer;
    private final JdbcTemplate target;
    /** The change topics that exist: the generator's, and those of tables the capture found later. */
    private final Set<String> topics = ConcurrentHashMap.newKeySet();
    private DebeziumCapture capture;
    private ConfigurableApplicationContext service;

    private DevStack(TargetServer source, TargetServer targetServer, KafkaBroker kafka, Settings settings) {
        this.source = source;
        this.targetServer = targetServer;
        this.kafka = kafka;
        this.settings = settings;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0),
                new StringSerializer(), new StringSerializer());
        this.target = new JdbcTemplate(new DriverManagerDataSource(targetServer.jdbcUrl(settings.targetDatabase()),
                targetServer.username(), targetServer.password()));
    }

    /**
     * Creates what is missing (databases, the source schema, topics), starts the capture, then the
     * service. The source schema comes first: PostgreSQL's connector needs its publication.
     */
    public static DevStack start(TargetServer source, TargetServer target, KafkaBroker kafka, Settings settings) {
        try {
            // the PostgreSQL connector keeps no schema history, which would have created it
            Files.createDirectories(settings.captureState());
        } catch (IOException e) {
            throw new UncheckedIOException("capture state directory " + settings.captureState(), e);
        }
        source.ensureDatabase(settings.sourceDatabase());
        target.ensureDatabase(settings.targetDatabase());
        SourceSchema.migrate(source, settings.sourceDatabase());
        DevStack stack = new DevStack(source, target, kafka, settings);
        stack.topics().forEach(stack::ensureTopic);
        stack.startCapture();
        stack.startService();
        return stack;
    }

    /** Starts the Debezium engine; with the same state directory it resumes where it stopped. */
    public synchronized void startCapture() {
        if (capture != null) {
            throw new IllegalStateException("capture is running");
        }
        Properties config;
        if (source instanceof PostgresServer postgres) {
            config = DebeziumCapture.config(settings.topicPrefix(), postgres, settings.sourceDatabase(),
                    settings.captureState());
            // the source schema's own publication of the generator's tables
            config.setProperty("publication.name", PUBLICATION);
            config.setProperty("publication.autocreate.mode", "disabled");
        } else {
            config = DebeziumCapture.config(settings.topicPrefix(), (MariaDbServer) source, settings.sourceDatabase(),
                    settings.captureState());
        }
        // every table of the source database but Flyway's own
        config.setProperty("table.exclude.list", capturedSchema() + "\\.flyway_schema_history");
        // the sink then creates the target tables with the source's own column types
        config.setProperty("column.propagate.source.type", ".*");
        config.setProperty("tombstones.on.delete", "true");
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

    /** The change topic of a table, as Debezium names it. */
    public String topic(GeneratorTable table) {
        return settings.topicPrefix() + "." + capturedSchema() + "." + table.table();
    }

    /** The change topics of every table the generator writes, in {@link GeneratorTable} order. */
    public List<String> topics() {
        return Arrays.stream(GeneratorTable.values()).map(this::topic).toList();
    }

    /** The middle part of the topic names: the database on MariaDB, the schema on PostgreSQL. */
    private String capturedSchema() {
        return source instanceof PostgresServer ? "public" : settings.sourceDatabase();
    }

    public TargetServer sourceServer() {
        return source;
    }

    public TargetServer targetServer() {
        return targetServer;
    }

    public String sourceJdbcUrl() {
        return source.jdbcUrl(settings.sourceDatabase());
    }

    public String targetJdbcUrl() {
        return targetServer.jdbcUrl(settings.targetDatabase());
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** Records in the change topics the service has not applied yet (per the offsets it stores in the target). */
    public long serviceLag() {
        Map<TopicPartition, Long> applied = new HashMap<>();
        target.query("SELECT topic, kafka_partition, next_offset FROM sink_offset", rs -> {
            applied.put(new TopicPartition(rs.getString(1), rs.getInt(2)), rs.getLong(3));
        });
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
        properties.put("cdc-sink.source.migrate", "true");
        properties.put("cdc-sink.source.jdbc-url", sourceJdbcUrl());
        properties.put("cdc-sink.source.username", source.username());
        properties.put("cdc-sink.source.password", source.password());
        properties.put("cdc-sink.target.username", targetServer.username());
        properties.put("cdc-sink.target.password", targetServer.password());
        // the generator's topics, and any a table created later gets
        properties.put("cdc-sink.consumer.topic-pattern", Pattern.quote(settings.topicPrefix() + "."
                + capturedSchema() + ".") + ".*");
        properties.putAll(settings.serviceProperties());
        service = SinkApp.start(kafka.bootstrapServers(), targetJdbcUrl(), String.join(",", topics()),
                "cdc-sink", properties);
    }

    /**
     * The topic is new, so offsets the target stored for it point into a log that no longer
     * exists: a record below them would be skipped as a duplicate. The source positions stored
     * with every row still keep older changes from overwriting newer ones.
     */
    private void forgetStoredOffsets(String topic) {
        Integer tables = target.queryForObject("SELECT COUNT(*) FROM information_schema.tables"
                + " WHERE table_schema = " + targetServer.currentSchema() + " AND table_name = 'sink_offset'",
                Integer.class);
        if (tables != null && tables > 0) {
            target.update("DELETE FROM sink_offset WHERE topic = ?", topic);
        }
    }

    /**
     * The change topic with its dead-letter topic, created where missing (the broker does not create
     * topics by itself).
     */
    private void ensureTopic(String topic) {
        kafka.createTopicIfAbsent(topic + ".DLT", 1);
        if (kafka.createTopicIfAbsent(topic, settings.partitions())) {
            forgetStoredOffsets(topic);
        }
        topics.add(topic);
    }

    /** Publishes the record as a Connect worker would; waits for the broker so the engine only commits what Kafka has. */
    private void publish(CapturedRecord record) throws ExecutionException, InterruptedException {
        if (!topics.contains(record.destination())) {
            ensureTopic(record.destination());
        }
        producer.send(new ProducerRecord<>(record.destination(), record.key(), record.value())).get();
    }

    /** Every partition of the change topics. */
    public List<TopicPartition> partitions() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : new TreeSet<>(topics)) {
            for (int p = 0; p < settings.partitions(); p++) {
                partitions.add(new TopicPartition(topic, p));
            }
        }
        return partitions;
    }

    private Map<TopicPartition, Long> endOffsets() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("end offsets of " + topics + ": " + e.getCause().getMessage(), e);
        }
    }
}
