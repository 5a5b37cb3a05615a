package dev.cdcsink.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.kafka.support.KafkaHeaders;

import dev.cdcsink.apply.DeleteMode;
import dev.cdcsink.change.KafkaCoordinates;
import dev.cdcsink.change.RowChange;
import dev.cdcsink.devstack.DebeziumCapture;
import dev.cdcsink.devstack.DebeziumCapture.CapturedRecord;
import dev.cdcsink.event.ChangeEventParser;
import dev.cdcsink.event.ParseResult;
import dev.cdcsink.event.decode.DecodeException;
import dev.cdcsink.support.ChangeProducer;
import dev.cdcsink.support.ChangeStream;
import dev.cdcsink.support.KafkaBroker;
import dev.cdcsink.support.MariaDbServer;
import dev.cdcsink.support.Pipelines;
import dev.cdcsink.support.SinkApp;
import dev.cdcsink.support.SinkHarness;
import dev.cdcsink.support.TargetDatabase;
import dev.cdcsink.support.TopicRecords;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Source schema changes while streaming, captured by the real Debezium engine: a column added, a
 * VARCHAR, an INT and an ENUM widened, a NOT NULL column dropped, rows written between the changes;
 * their events applied one by one in source order, as the pipeline does, under each setting of
 * {@code cdc-sink.tables.schema-evolution}.
 */
class SchemaEvolutionTest {

    private static final MariaDbServer SERVER = MariaDbServer.shared();
    /** The source's statements; the rows between the DDL each need what the DDL before them made. */
    private static final List<String> SOURCE = List.of(
            "CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(20) NOT NULL, score INT NOT NULL, "
                    + "kind ENUM('a','b') NOT NULL) DEFAULT CHARSET = utf8mb4",
            "INSERT INTO notes VALUES (1, 'ilk not', 1, 'a')",
            "ALTER TABLE notes ADD COLUMN tag VARCHAR(10) NULL",
            "INSERT INTO notes VALUES (2, 'ikinci', 2, 'b', 'yeni')",
            "ALTER TABLE notes MODIFY body VARCHAR(200) NOT NULL, MODIFY score BIGINT NOT NULL, "
                    + "MODIFY kind ENUM('a','b','c') NOT NULL",
            "INSERT INTO notes VALUES (3, 'yirmi karakterden çok daha uzun bir not 🏠', 5000000000, 'c', 'x')",
            "ALTER TABLE notes DROP COLUMN score",
            "INSERT INTO notes VALUES (4, 'dördüncü', 'a', NULL)",
            "UPDATE notes SET body = 'güncel' WHERE id = 1");

    private static String sourceDb;
    private static List<CapturedRecord> records;

    @BeforeAll
    static void captureTheSchemaChanges() throws Exception {
        sourceDb = SERVER.createDatabase("evolving");
        records = capture(sourceDb, SOURCE, 5);
    }

    /**
     * The records the real engine makes of the statements: the first two (a table and its first row)
     * run before it starts and are snapshot, the rest is streamed; returns once {@code changes}
     * change records arrived.
     */
    private static List<CapturedRecord> capture(String database, List<String> statements, int changes) throws Exception {
        Properties config = DebeziumCapture.config("evo", SERVER, database, Files.createTempDirectory("evolving-"));
        config.setProperty("column.propagate.source.type", ".*");
        List<CapturedRecord> captured = new CopyOnWriteArrayList<>();
        try (Connection connection = DriverManager.getConnection(SERVER.jdbcUrl(database), SERVER.username(),
                SERVER.password()); Statement statement = connection.createStatement()) {
            // the table and its first row before the engine starts: the snapshot reads them, and the
            // DDL after it is streamed (a snapshot running while a column is dropped would fail)
            statement.execute(statements.get(0));
            statement.execute(statements.get(1));
            try (DebeziumCapture capture = DebeziumCapture.start(config, captured::add)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> !captured.isEmpty());
                for (String sql : statements.subList(2, statements.size())) {
                    statement.execute(sql);
                }
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> captured.stream().filter(r -> r.value() != null).count() == changes);
            }
        }
        return List.copyOf(captured);
    }

    /** What became of each source row: applied, or refused with the reason's first words. */
    private static Map<Integer, String> apply(SinkHarness sink) {
        ChangeEventParser parser = new ChangeEventParser(sink.catalog());
        Map<Integer, String> outcomes = new TreeMap<>();
        for (int i = 0; i < records.size(); i++) {
            CapturedRecord r = records.get(i);
            ParseResult parsed = parser.parse(new KafkaCoordinates(r.destination(), 0, i, 0),
                    r.key().getBytes(StandardCharsets.UTF_8), r.value().getBytes(StandardCharsets.UTF_8));
            assertThat(parsed).as("%s", parsed).isInstanceOf(ParseResult.Change.class);
            RowChange change = ((ParseResult.Change) parsed).change();
            int id = ((Long) change.key().get(0)).intValue();
            try {
                sink.apply(sink.batch(change));
                outcomes.merge(id, "applied", (a, b) -> a + ", " + b);
            } catch (DecodeException e) {
                outcomes.merge(id, e.reason(), (a, b) -> a + ", " + b);
            }
        }
        return outcomes;
    }

    private static Map<String, String> columns(TargetDatabase target) {
        Map<String, String> columns = new TreeMap<>();
        target.jdbc().query("SELECT COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE FROM information_schema.COLUMNS WHERE "
                + "TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'notes' AND COLUMN_NAME NOT LIKE '\\_cdc\\_%'", rs -> {
                    columns.put(rs.getString(1), rs.getString(2) + ("YES".equals(rs.getString(3)) ? " NULL" : ""));
                });
        return columns;
    }

    private static List<String> ledger(TargetDatabase target) {
        return target.jdbc().queryForList("SELECT CONCAT(kind, ' ', COALESCE(column_name, '-')) FROM sink_schema_change "
                + "WHERE table_name = 'notes' ORDER BY id", String.class);
    }

    private static List<Map<String, Object>> rows(TargetDatabase target) {
        return target.jdbc().queryForList("SELECT id, body, kind, tag FROM notes WHERE NOT _cdc_deleted ORDER BY id");
    }

    @Test
    void underEvolveTheTargetFollowsEveryChangeAndEqualsTheSource() {
        try (TargetDatabase target = TargetDatabase.create(SERVER)) {
            Map<Integer, String> outcomes = apply(new SinkHarness(target, DeleteMode.SOFT, 1000,
                    SinkHarness.tables(SchemaEvolution.EVOLVE), SinkHarness.EVENT_DEFAULTS));

            assertThat(outcomes).containsOnly(Map.entry(1, "applied, applied"), Map.entry(2, "applied"),
                    Map.entry(3, "applied"), Map.entry(4, "applied"));
            assertThat(columns(target)).isEqualTo(Map.of("id", "int(11)", "body", "varchar(200) NULL",
                    "score", "bigint(20) NULL", "kind", "enum('a','b','c') NULL", "tag", "varchar(10) NULL"));
            assertThat(ledger(target)).containsExactly("create_table -", "add_column tag", "widen_column body",
                    "widen_column score", "widen_column kind");
            assertThat(rows(target)).isEqualTo(jdbc().queryForList("SELECT id, body, kind, tag FROM notes ORDER BY id"));
            assertThat(target.jdbc().queryForList("SELECT score FROM notes ORDER BY id", Long.class))
                    .containsExactly(1L, 2L, 5_000_000_000L, null);
        }
    }

    @Test
    void underAddColumnsAColumnIsAddedAndAValueTooLargeForAColumnIsRefusedNamingIt() {
        try (TargetDatabase target = TargetDatabase.create(SERVER)) {
            Map<Integer, String> outcomes = apply(new SinkHarness(target, DeleteMode.SOFT));

            assertThat(outcomes.get(3)).startsWith("INVALID_VALUE: after.body: is ")
                    .contains("characters, longer than target column body varchar(20)");
            assertThat(outcomes).containsEntry(1, "applied, applied").containsEntry(2, "applied")
                    .containsEntry(4, "applied");
            assertThat(columns(target)).containsEntry("tag", "varchar(10) NULL").containsEntry("body", "varchar(20) NULL")
                    .containsEntry("score", "int(11) NULL");
            assertThat(ledger(target)).containsExactly("create_table -", "add_column tag");
        }
    }

    /**
     * A table of the user's own where {@code score} is NOT NULL without a default: once the source
     * drops it, no row could be inserted without it, so it is let take NULL (its other attributes kept).
     */
    @Test
    void aDroppedColumnThatAnInsertCouldNotLeaveOutIsLetTakeNull() {
        try (TargetDatabase target = TargetDatabase.create(SERVER)) {
            target.jdbc().execute("CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(300) NOT NULL DEFAULT '', "
                    + "score BIGINT NOT NULL COMMENT 'puan', kind VARCHAR(5) NOT NULL, tag VARCHAR(10) NULL) "
                    + "DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci");
            Map<Integer, String> outcomes = apply(new SinkHarness(target, DeleteMode.SOFT));

            assertThat(outcomes).containsOnly(Map.entry(1, "applied, applied"), Map.entry(2, "applied"),
                    Map.entry(3, "applied"), Map.entry(4, "applied"));
            assertThat(ledger(target)).containsExactly("add_bookkeeping _cdc_deleted", "add_bookkeeping _cdc_source_ts",
                    "add_bookkeeping _cdc_applied_at", "add_bookkeeping _cdc_row_hash", "add_bookkeeping _cdc_position",
                    "allow_null score");
            assertThat(columns(target)).containsEntry("score", "bigint(20) NULL").containsEntry("body", "varchar(300)");
            assertThat(target.jdbc().queryForObject("SELECT COLUMN_COMMENT FROM information_schema.COLUMNS WHERE "
                    + "TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'notes' AND COLUMN_NAME = 'score'", String.class))
                    .as("the rest of score's definition is kept").isEqualTo("puan");
            assertThat(target.jdbc().queryForList("SELECT score FROM notes ORDER BY id", Long.class))
                    .containsExactly(1L, 2L, 5_000_000_000L, null);
        }
    }

    @Test
    void withoutSchemaEvolutionEveryChangeThatNeedsTheNewColumnIsRefusedOnceRecorded() {
        try (TargetDatabase target = TargetDatabase.create(SERVER)) {
            List<SchemaChange> reported = new CopyOnWriteArrayList<>();
            Map<Integer, String> outcomes = apply(new SinkHarness(target, DeleteMode.SOFT, 1000,
                    SinkHarness.tables(SchemaEvolution.NONE), SinkHarness.EVENT_DEFAULTS, reported::add));

            assertThat(outcomes.get(1)).isEqualTo("applied, UNSUPPORTED_TABLE: column tag of source table " + sourceDb
                    + ".notes is not in target table notes; add it to the table, or let the sink add it "
                    + "(cdc-sink.tables.schema-evolution=add-columns)");
            assertThat(outcomes.get(2)).startsWith("UNSUPPORTED_TABLE: column tag");
            assertThat(columns(target)).doesNotContainKey("tag");
            // one refusal per schema that needs the column, however many of its changes are refused
            assertThat(reported).extracting(SchemaChange::kind).containsExactly(SchemaChange.Kind.CREATE_TABLE,
                    SchemaChange.Kind.REFUSED, SchemaChange.Kind.REFUSED, SchemaChange.Kind.REFUSED);
            assertThat(ledger(target)).containsExactly("create_table -", "refused tag", "refused tag", "refused tag");
        }
    }

    /** Two instances see the new column at once: one adds it, the other finds it there; both write their rows. */
    @Test
    void twoInstancesRacingToAddTheSameColumnBothGoOnWithOneDdl() throws Exception {
        try (TargetDatabase target = TargetDatabase.create(SERVER)) {
            SinkHarness first = new SinkHarness(target, DeleteMode.SOFT);
            SinkHarness second = new SinkHarness(target, DeleteMode.SOFT);
            ChangeEventParser parser = new ChangeEventParser(first.catalog());
            List<RowChange> changes = new ArrayList<>();
            for (int i = 0; i < records.size(); i++) {
                CapturedRecord r = records.get(i);
                changes.add(((ParseResult.Change) parser.parse(new KafkaCoordinates(r.destination(), 0, i, 0),
                        r.key().getBytes(StandardCharsets.UTF_8), r.value().getBytes(StandardCharsets.UTF_8))).change());
            }
            first.apply(first.batch(changes.get(0)));
            CyclicBarrier together = new CyclicBarrier(2);
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                Future<?> a = threads.submit(() -> {
                    together.await();
                    return first.catalog().bind(changes.get(1));
                });
                Future<?> b = threads.submit(() -> {
                    together.await();
                    return second.catalog().bind(changes.get(1));
                });
                assertThat(a.get()).isInstanceOf(TableCatalog.Bound.class);
                assertThat(b.get()).isInstanceOf(TableCatalog.Bound.class);
            } finally {
                threads.shutdownNow();
            }
            second.apply(second.batch(changes.get(1)));
            assertThat(ledger(target)).containsExactly("create_table -", "add_column tag");
            assertThat(rows(target)).extracting(r -> r.get("tag")).containsExactly(null, "yeni");
        }
    }

    /**
     * The service stops after the first two changes; the rest, with three of the four schema changes,
     * is in Kafka when it starts again: it evolves the table from what the events say, not from
     * anything it remembered.
     */
    @Test
    void aSchemaChangeMadeWhileTheSinkIsStoppedIsAppliedWhenItStartsAgain() {
        KafkaBroker kafka = KafkaBroker.shared();
        String topic = records.get(0).destination() + "-" + KafkaBroker.uniqueName("stopped");
        kafka.createTopic(topic, 1);
        kafka.createTopic(topic + ".DLT", 1);
        try (TargetDatabase target = TargetDatabase.create(SERVER);
                ChangeProducer producer = new ChangeProducer(kafka.bootstrapServers())) {
            String group = KafkaBroker.uniqueName("g");
            Map<String, String> settings = Map.of("cdc-sink.tables.schema-evolution", "evolve");
            produce(producer, topic, records.subList(0, 2));
            try (ConfigurableApplicationContext app = SinkApp.start(kafka.bootstrapServers(),
                    SERVER.jdbcUrl(target.schema()), topic, group, settings)) {
                await().atMost(Pipelines.CATCH_UP).until(() -> Pipelines.storedOffsets(target, topic) == 2);
            }
            assertThat(columns(target)).containsEntry("tag", "varchar(10) NULL").containsEntry("body", "varchar(20) NULL");
            produce(producer, topic, records.subList(2, records.size()));
            try (ConfigurableApplicationContext app = SinkApp.start(kafka.bootstrapServers(),
                    SERVER.jdbcUrl(target.schema()), topic, group, settings)) {
                await().atMost(Pipelines.CATCH_UP).until(() -> Pipelines.storedOffsets(target, topic) == records.size());
                assertThat(Pipelines.changes(app, "dead_lettered")).isZero();
                assertThat(app.getBean(MeterRegistry.class).get("cdc.sink.schema.changes").tag("table", "notes")
                        .tag("kind", "widen_column").counter().count()).isEqualTo(3);
            }
            assertThat(rows(target)).isEqualTo(jdbc().queryForList("SELECT id, body, kind, tag FROM notes ORDER BY id"));
        }
    }

    /**
     * A column becomes another kind (a DATETIME becomes a TIME): the table cannot follow, so its
     * changes from then on are dead-lettered with the reason and the refusal is counted (the
     * alert's series); the changes of another table in the same batches keep being applied.
     */
    @Test
    void aChangeToAnotherKindIsDeadLetteredWithTheReasonAndOtherTablesKeepFlowing() throws Exception {
        String database = SERVER.createDatabase("changing_kind");
        List<CapturedRecord> captured = capture(database, List.of(
                "CREATE TABLE visits (id INT PRIMARY KEY, at DATETIME(6) NOT NULL)",
                "INSERT INTO visits VALUES (1, '2026-11-21 10:15:30.123456')",
                "ALTER TABLE visits MODIFY at TIME(6) NOT NULL",
                "INSERT INTO visits VALUES (2, '10:15:30.5')",
                "INSERT INTO visits VALUES (3, '-01:00:00')"), 3);
        KafkaBroker kafka = KafkaBroker.shared();
        Map<String, String> topics = Pipelines.topicsWithPhotos(kafka, 1);
        String visits = captured.get(0).destination() + "-" + KafkaBroker.uniqueName("kind");
        kafka.createTopic(visits, 1);
        kafka.createTopic(visits + ".DLT", 1);
        ChangeStream listings = ChangeStream.withPhotos(31);
        try (TargetDatabase target = TargetDatabase.create(SERVER);
                ChangeProducer producer = new ChangeProducer(kafka.bootstrapServers())) {
            int produced = producer.send(topics, listings.next(100));
            produce(producer, visits, captured);
            produced += producer.send(topics, listings.next(100));
            List<String> all = new ArrayList<>(topics.values());
            all.add(visits);
            int records = produced;
            try (ConfigurableApplicationContext app = SinkApp.start(kafka.bootstrapServers(),
                    SERVER.jdbcUrl(target.schema()), String.join(",", all), KafkaBroker.uniqueName("g"), Map.of())) {
                Pipelines.awaitCopyOf(target, listings);
                await().atMost(Pipelines.CATCH_UP).until(() -> Pipelines.storedOffsets(target, all) == records + 3);
                List<ConsumerRecord<byte[], byte[]>> dead = TopicRecords.readAll(kafka, visits + ".DLT");
                assertThat(dead).hasSize(2).allSatisfy(r -> assertThat(TopicRecords.header(r,
                        KafkaHeaders.DLT_EXCEPTION_MESSAGE)).startsWith("UNSUPPORTED_TABLE: target table visits, column "
                        + "at: time (int64 io.debezium.time.MicroTime) values cannot be written to target column at "
                        + "datetime(6)").contains("alter the target column"));
                assertThat(app.getBean(MeterRegistry.class).get("cdc.sink.schema.changes").tag("table", "visits")
                        .tag("kind", "refused").counter().count()).isEqualTo(1);
            }
            assertThat(target.jdbc().queryForList("SELECT id FROM visits", Integer.class)).containsExactly(1);
        }
    }

    private static void produce(ChangeProducer producer, String topic, List<CapturedRecord> captured) {
        for (CapturedRecord r : captured) {
            producer.send(new ProducerRecord<>(topic, r.key() == null ? null : r.key().getBytes(StandardCharsets.UTF_8),
                    r.value() == null ? null : r.value().getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static JdbcTemplate jdbc() {
        return new JdbcTemplate(new DriverManagerDataSource(SERVER.jdbcUrl(sourceDb), SERVER.username(),
                SERVER.password()));
    }
}
