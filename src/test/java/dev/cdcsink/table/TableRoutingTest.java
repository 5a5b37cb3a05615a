package dev.cdcsink.table;

import static dev.cdcsink.support.Pipelines.CATCH_UP;
import static dev.cdcsink.support.Pipelines.awaitCopyOf;
import static dev.cdcsink.support.Pipelines.changes;
import static dev.cdcsink.support.Pipelines.storedOffsets;
import static dev.cdcsink.support.TopicRecords.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.support.KafkaHeaders;

import dev.cdcsink.change.RowChange;
import dev.cdcsink.consumer.ChangeListener;
import dev.cdcsink.devstack.DebeziumCapture;
import dev.cdcsink.devstack.DebeziumCapture.CapturedRecord;
import dev.cdcsink.support.ChangeProducer;
import dev.cdcsink.support.ChangeStream;
import dev.cdcsink.support.KafkaBroker;
import dev.cdcsink.support.MariaDbServer;
import dev.cdcsink.support.Pipelines;
import dev.cdcsink.support.SampleTables;
import dev.cdcsink.support.SinkApp;
import dev.cdcsink.support.TargetDatabase;
import dev.cdcsink.support.TopicRecords;

import io.micrometer.core.instrument.MeterRegistry;

/** Many topics into many tables, through the running service with a real broker and a real MariaDB. */
class TableRoutingTest {

    private static final MariaDbServer SERVER = MariaDbServer.shared();
    /** The sink's own tables: what its migrations leave in a target before any source table is created in it. */
    private static List<String> sinkTables;

    private static KafkaBroker kafka;
    private static ChangeProducer producer;

    @BeforeAll
    static void start() {
        kafka = KafkaBroker.shared();
        producer = new ChangeProducer(kafka.bootstrapServers());
        try (TargetDatabase migrated = TargetDatabase.create(SERVER)) {
            sinkTables = tables(migrated);
        }
    }

    @AfterAll
    static void stop() {
        producer.close();
    }

    private static ConfigurableApplicationContext sink(TargetDatabase target, Collection<String> topics, String group,
            Map<String, String> settings) {
        return SinkApp.start(kafka.bootstrapServers(), SERVER.jdbcUrl(target.schema()),
                String.join(",", new TreeSet<>(topics)), group, settings);
    }

    @Test
    void twoTopicsGoIntoTwoTablesAndOneBatchWritesBothInOneTransaction() {
        try (TargetDatabase target = TargetDatabase.create(SERVER)) {
            Map<String, String> topics = Pipelines.topicsWithPhotos(kafka, 1);
            String group = KafkaBroker.uniqueName("g");
            ChangeStream source = ChangeStream.withPhotos(21);
            int first = producer.send(topics, source.next(60));
            try (ConfigurableApplicationContext app = sink(target, topics.values(), group, Map.of())) {
                awaitCopyOf(target, source);
                await().atMost(CATCH_UP).until(() -> storedOffsets(target, topics.values()) == first);
            }
            // every row the sink writes from now on records the transaction that wrote it
            target.jdbc().execute("CREATE TABLE written_by (table_name VARCHAR(32), trx_id VARCHAR(32))");
            for (String table : List.of("listings", "listing_photos")) {
                for (String event : List.of("INSERT", "UPDATE")) {
                    target.jdbc().execute("CREATE TRIGGER " + table + "_" + event + " AFTER " + event + " ON " + table
                            + " FOR EACH ROW INSERT INTO written_by SELECT '" + table + "', trx_id FROM "
                            + "information_schema.INNODB_TRX WHERE trx_mysql_thread_id = CONNECTION_ID()");
                }
            }
            int second = producer.send(topics, source.next(200));
            // restarted, the sink's first poll holds the records of both topics
            try (ConfigurableApplicationContext app = sink(target, topics.values(), group, Map.of())) {
                awaitCopyOf(target, source);
                await().atMost(CATCH_UP).until(() -> storedOffsets(target, topics.values()) == first + second);
            }
            assertThat(target.jdbc().queryForList("SELECT trx_id FROM written_by GROUP BY trx_id "
                    + "HAVING COUNT(DISTINCT table_name) = 2", String.class))
                    .as("transactions that wrote rows of both tables").isNotEmpty();
        }
    }

    @Test
    void aPatternSubscribesToEveryMatchingTopicButNeverToTheDeadLetterTopics() {
        try (TargetDatabase target = TargetDatabase.create(SERVER)) {
            Map<String, String> topics = Pipelines.topicsWithPhotos(kafka, 2);
            ChangeStream source = ChangeStream.withPhotos(22);
            int produced = producer.send(topics, source.next(150));
            // matches the dead-letter topics too (….DLT)
            String listings = topics.get("listings");
            String pattern = Pattern.quote(listings.substring(0, listings.indexOf(".shop."))) + "\\.shop\\.listing.*";
            try (ConfigurableApplicationContext app = sink(target, List.of(), KafkaBroker.uniqueName("g"),
                    Map.of("cdc-sink.consumer.topic-pattern", pattern))) {
                awaitCopyOf(target, source);
                await().atMost(CATCH_UP).until(() -> storedOffsets(target, topics.values()) == produced);
                assertThat(assigned(app).stream().map(TopicPartition::topic).distinct())
                        .containsExactlyInAnyOrderElementsOf(topics.values());
            }
        }
    }

    @Test
    void theNameFormatAndAnOverrideNameTheTargetTables() {
        try (TargetDatabase target = TargetDatabase.create(SERVER)) {
            Map<String, String> topics = Pipelines.topicsWithPhotos(kafka, 1);
            ChangeStream source = ChangeStream.withPhotos(23);
            int produced = producer.send(topics, source.next(150));
            try (ConfigurableApplicationContext app = sink(target, topics.values(), KafkaBroker.uniqueName("g"), Map.of(
                    "cdc-sink.tables.name-format", "${source.db}_${source.table}",
                    "cdc-sink.tables.overrides[shop.listing_photos]", "photo_copies"))) {
                await().atMost(CATCH_UP).until(() -> storedOffsets(target, topics.values()) == produced);
            }
            assertThat(tables(target)).containsExactlyInAnyOrderElementsOf(withSinkTables("photo_copies", "shop_listings"));
            assertThat(liveRows(target, "shop_listings")).isEqualTo(source.live().size());
            assertThat(liveRows(target, "photo_copies")).isEqualTo(source.live(SampleTables.photos()).size());
        }
    }

    @Test
    void anExcludedTableIsSkippedAndCountedAndItsOffsetsMove() {
        try (TargetDatabase target = TargetDatabase.create(SERVER)) {
            Map<String, String> topics = Pipelines.topicsWithPhotos(kafka, 1);
            ChangeStream source = ChangeStream.withPhotos(24);
            List<RowChange> sent = source.next(150);
            int produced = producer.send(topics, sent);
            try (ConfigurableApplicationContext app = sink(target, topics.values(), KafkaBroker.uniqueName("g"),
                    Map.of("cdc-sink.tables.exclude", "shop\\.listing_photos"))) {
                await().atMost(CATCH_UP).until(() -> storedOffsets(target, topics.values()) == produced);
                long photoChanges = sent.stream().filter(c -> c.table().table().equals("listing_photos")).count();
                assertThat(excluded(app, "shop.listing_photos")).isEqualTo(photoChanges).isPositive();
                assertThat(changes(app, "applied")).isEqualTo(sent.size() - photoChanges);
            }
            assertThat(tables(target)).containsExactlyInAnyOrderElementsOf(withSinkTables("listings"));
            assertThat(target.liveListings()).isEqualTo(source.live());
        }
    }

    /**
     * Source tables whose names the target cannot take as they are, captured by the real engine: a
     * table named with a '-' and a table with a column in the sink's reserved prefix. Their changes
     * are dead-lettered with the reason, and nothing is created in the target.
     */
    @Test
    void aTableOrColumnNameTheTargetCannotTakeIsDeadLetteredAndNothingIsCreated() throws Exception {
        String database = SERVER.createDatabase("hostile");
        SERVER.execute("CREATE TABLE `" + database + "`.`listing-archive` (id INT PRIMARY KEY, title VARCHAR(50))");
        SERVER.execute("CREATE TABLE `" + database + "`.notes (id INT PRIMARY KEY, _cdc_deleted VARCHAR(10))");
        SERVER.execute("INSERT INTO `" + database + "`.`listing-archive` VALUES (1, 'eski ilan'), (2, 'arşiv')");
        SERVER.execute("INSERT INTO `" + database + "`.notes VALUES (1, 'evet'), (2, 'hayır')");
        String prefix = KafkaBroker.uniqueName("hostile").replace('-', '_');
        List<String> topics = List.of(prefix + "." + database + ".listing-archive", prefix + "." + database + ".notes");
        for (String topic : topics) {
            kafka.createTopic(topic, 1);
            kafka.createTopic(topic + ".DLT", 1);
        }
        List<CapturedRecord> captured = new CopyOnWriteArrayList<>();
        Properties config = DebeziumCapture.config(prefix, SERVER, database, Files.createTempDirectory("hostile-"));
        try (DebeziumCapture capture = DebeziumCapture.start(config, captured::add)) {
            await().atMost(CATCH_UP).until(() -> captured.size() == 4);
        }
        for (CapturedRecord record : captured) {
            producer.send(new ProducerRecord<>(record.destination(), bytes(record.key()), bytes(record.value())));
        }

        try (TargetDatabase target = TargetDatabase.create(SERVER);
                ConfigurableApplicationContext app = sink(target, topics, KafkaBroker.uniqueName("g"), Map.of())) {
            await().atMost(CATCH_UP).until(() -> storedOffsets(target, topics) == 4);
            List<ConsumerRecord<byte[], byte[]>> archive = TopicRecords.readAll(kafka, topics.get(0) + ".DLT");
            List<ConsumerRecord<byte[], byte[]>> notes = TopicRecords.readAll(kafka, topics.get(1) + ".DLT");
            assertThat(archive).hasSize(2).allSatisfy(r -> assertThat(header(r, KafkaHeaders.DLT_EXCEPTION_MESSAGE))
                    .startsWith("UNSUPPORTED_TABLE").contains(database + ".listing-archive").contains("it contains '-'")
                    .contains("cdc-sink.tables.overrides[" + database + ".listing-archive]"));
            assertThat(notes).hasSize(2).allSatisfy(r -> assertThat(header(r, KafkaHeaders.DLT_EXCEPTION_MESSAGE))
                    .startsWith("UNSUPPORTED_TABLE").contains("column '_cdc_deleted'").contains("reserved prefix _cdc_"));
            assertThat(changes(app, "dead_lettered")).isEqualTo(4);
            assertThat(tables(target)).containsExactlyInAnyOrderElementsOf(sinkTables);
        }
    }

    private static long excluded(ConfigurableApplicationContext app, String table) {
        return (long) app.getBean(MeterRegistry.class).find("cdc.sink.changes")
                .tag("outcome", "excluded").tag("table", table).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static Collection<TopicPartition> assigned(ConfigurableApplicationContext app) {
        Collection<TopicPartition> assigned = app.getBean(KafkaListenerEndpointRegistry.class)
                .getListenerContainer(ChangeListener.ID).getAssignedPartitions();
        return assigned == null ? List.of() : assigned;
    }

    private static List<String> tables(TargetDatabase target) {
        return target.jdbc().queryForList("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = "
                + "DATABASE()", String.class);
    }

    private static List<String> withSinkTables(String... tables) {
        List<String> all = new ArrayList<>(sinkTables);
        all.addAll(List.of(tables));
        return all;
    }

    private static long liveRows(TargetDatabase target, String table) {
        return target.jdbc().queryForObject("SELECT COUNT(*) FROM " + table + " WHERE NOT _cdc_deleted", Long.class);
    }

    private static byte[] bytes(String json) {
        return json == null ? null : json.getBytes(StandardCharsets.UTF_8);
    }
}
