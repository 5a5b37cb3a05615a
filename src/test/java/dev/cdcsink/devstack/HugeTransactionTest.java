package dev.cdcsink.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.cdcsink.benchmark.SinkBenchmark;
import dev.cdcsink.devstack.DebeziumCapture.CapturedRecord;
import dev.cdcsink.support.Api;
import dev.cdcsink.support.KafkaBroker;
import dev.cdcsink.support.MariaDbServer;
import dev.cdcsink.support.Pipelines;
import dev.cdcsink.support.ServiceProcess;
import dev.cdcsink.support.SinkApp;
import dev.cdcsink.support.TargetDatabase;
import dev.cdcsink.support.TopicRecords;

/**
 * One huge source transaction — 200,000 inserted rows, and in the same transaction updates (two
 * of the same rows in a row, whose order decides the result; others set to a value and back),
 * deletes of rows it inserted, re-inserts of deleted keys with the values they were deleted with,
 * and primary-key moves — captured from a real MariaDB binlog by the real Debezium engine, through
 * a real broker, applied by the service in a JVM of its own with a 256 MB heap (as in production,
 * it exits on an OutOfMemoryError, which fails the test) into a real target. The service is paused
 * while the engine captures, so that it meets the transaction as a backlog of full polls.
 *
 * <p>Debezium gives every change of the transaction the same source position, so the service
 * applies it in many target transactions ({@code cdc-sink.sink.chunk-size} records each) whose
 * changes all share the position the rows already hold: nothing may be skipped as stale or
 * duplicate for that, and each key must end as its last change left it.
 *
 * <p>Two to three minutes on a shared 2-core machine, most of it the engine's capture;
 * {@code -Dhuge-transaction.rows=N} (a multiple of 2,000) runs it with fewer rows.
 */
class HugeTransactionTest {

    private static final int ROWS = Integer.getInteger("huge-transaction.rows", 200_000);
    private static final String HEAP = "256m";
    private static final long HEAP_LIMIT = 256L * 1024 * 1024;
    private static final int PARTITIONS = 3;
    // outside the transaction's keys and its statements' conditions
    private static final long BEGIN_MARKER = -1;
    private static final long END_MARKER = -2;
    private static final Duration CAPTURE = Duration.ofMinutes(3);
    private static final Duration APPLY = Duration.ofMinutes(3);
    private static final Path LOG = Path.of("target", "huge-transaction", "service.log");
    private static final Pattern POSITION = Pattern.compile("\"file\":\"([^\"]*)\",\"pos\":(\\d+)");
    private static final String DATABASE = "huge";
    private static final String COMPARED = "SELECT id, label, amount FROM items";

    /** The one transaction, run on one connection. */
    private static final List<String> TRANSACTION = List.of(
            "INSERT INTO items (id, label, amount) SELECT seq, CONCAT('item-', seq), seq / 100 FROM seq_1_to_" + ROWS,
            // two updates of the same rows: (x + 1) * 2 only if they land in order
            "UPDATE items SET label = CONCAT(label, '-updated'), amount = amount + 1 WHERE id % 100 = 0",
            "UPDATE items SET amount = amount * 2 WHERE id % 100 = 0",
            // away and back: the last change's image is the insert's, at the same position
            "UPDATE items SET label = 'flipped' WHERE id % 100 = 50",
            "UPDATE items SET label = CONCAT('item-', id) WHERE id % 100 = 50",
            "DELETE FROM items WHERE id % 1000 = 0",
            // deleted keys back with the very values they were deleted with: only the deletion tells them apart
            "INSERT INTO items (id, label, amount) SELECT seq, CONCAT('item-', seq, '-updated'), (seq / 100 + 1) * 2"
                    + " FROM seq_2000_to_" + ROWS + "_step_2000",
            // a key update: Debezium sends a delete of the old key, a tombstone and a create of the new one
            "UPDATE items SET id = id + " + 10L * ROWS + " WHERE id BETWEEN 1 AND 100");

    private static MariaDbServer source;
    private static String topic;
    private static long published;
    private static long changes;
    private static Set<String> positions;
    private static List<String> sourceRows;
    private static List<String> targetRows;
    private static List<Long> deletedInTarget;
    private static Set<Long> goneFromSource;
    private static long peakHeap;
    private static long peakOldGen;
    private static long liveAfterMajorGc;
    private static Map<String, Double> metrics;
    private static int deadLetters;
    private static Duration captured;
    private static Duration applied;

    @BeforeAll
    static void runTheTransactionThroughTheService() throws Exception {
        KafkaBroker kafka = KafkaBroker.shared();
        topic = KafkaBroker.uniqueName("huge").replace('-', '_') + ".huge.items";
        kafka.createTopic(topic, PARTITIONS);
        kafka.createTopic(topic + ".DLT", 1);
        Capture capture = new Capture(kafka.bootstrapServers());
        try (TargetDatabase target = TargetDatabase.create(MariaDbServer.shared());
                ServiceProcess service = ServiceProcess.start(HEAP, serviceJvm(), Map.of(
                        "spring.kafka.bootstrap-servers", kafka.bootstrapServers(),
                        "cdc-sink.target.jdbc-url", target.jdbcUrl(),
                        "cdc-sink.target.username", target.server().username(),
                        "cdc-sink.consumer.topics", topic,
                        "cdc-sink.security.operator.password", SinkApp.OPERATOR_PASSWORD), LOG);
                capture) {
            // while the service starts
            source = MariaDbServer.start("huge-source");
            source.ensureDatabase(DATABASE);
            execute(false, "CREATE TABLE items (id BIGINT NOT NULL PRIMARY KEY, label VARCHAR(60) NOT NULL, "
                    + "amount DECIMAL(12,2) NOT NULL)");
            Properties config = DebeziumCapture.config(topic.substring(0, topic.indexOf('.')), source, DATABASE,
                    Files.createTempDirectory("huge-transaction"));
            config.setProperty("table.include.list", DATABASE + ".items");
            config.setProperty("column.propagate.source.type", ".*");
            capture.start(config);
            execute(false, "INSERT INTO items VALUES (" + BEGIN_MARKER + ", 'begin', 0)");
            await().atMost(CAPTURE).until(() -> capture.seen(BEGIN_MARKER) && service.isReady()
                    && Pipelines.storedOffsets(target, topic) == 1);
            // paused while the engine captures, the service then meets the whole transaction as a backlog:
            // every poll full (cdc-sink.consumer.max-poll-records), the most it ever holds at once
            assertThat(Api.operator(service.port()).post("/api/pipeline/pause").status()).isEqualTo(200);
            long started = System.nanoTime();
            execute(true, TRANSACTION.toArray(String[]::new));
            execute(false, "INSERT INTO items VALUES (" + END_MARKER + ", 'end', 0)");
            await().atMost(CAPTURE).until(() -> capture.seen(END_MARKER));
            published = capture.flush();
            changes = capture.changes.get();
            captured = Duration.ofNanos(System.nanoTime() - started);

            started = System.nanoTime();
            assertThat(Api.operator(service.port()).post("/api/pipeline/resume").status()).isEqualTo(200);
            await().atMost(APPLY).pollInterval(Duration.ofMillis(200)).until(() -> {
                assertThat(service.isAlive()).as("service running with a " + HEAP + " heap; see " + LOG).isTrue();
                peakHeap = Math.max(peakHeap, (long) service.scrape("jvm_memory_used_bytes", "area=\"heap\""));
                peakOldGen = Math.max(peakOldGen, (long) service.scrape("jvm_memory_used_bytes", "area=\"heap\"",
                        "Old Gen"));
                liveAfterMajorGc = Math.max(liveAfterMajorGc, (long) service.scrape("jvm_gc_live_data_size_bytes"));
                return Pipelines.storedOffsets(target, topic) >= published;
            });
            applied = Duration.ofNanos(System.nanoTime() - started);
            positions = capture.positions;
            sourceRows = rows(sourceJdbc(), COMPARED + " ORDER BY id");
            targetRows = rows(target.jdbc(), COMPARED + " WHERE NOT _cdc_deleted ORDER BY id");
            deletedInTarget = target.jdbc().queryForList("SELECT id FROM items WHERE _cdc_deleted ORDER BY id", Long.class);
            goneFromSource = new TreeSet<>(capture.created);
            goneFromSource.removeAll(sourceJdbc().queryForList("SELECT id FROM items", Long.class));
            metrics = Map.of(
                    "applied", service.scrape("cdc_sink_changes_total", "outcome=\"applied\""),
                    "duplicate", service.scrape("cdc_sink_changes_total", "outcome=\"duplicate\""),
                    "stale", service.scrape("cdc_sink_changes_total", "outcome=\"stale\""),
                    "dead_lettered", service.scrape("cdc_sink_changes_total", "outcome=\"dead_lettered\""),
                    "transactions", service.scrape("cdc_sink_batch_size_count"));
            deadLetters = TopicRecords.readAll(kafka, topic + ".DLT").size();
            System.out.printf("huge transaction: %,d rows, %,d records (%,d changes) captured in %.1f s, applied in "
                    + "%.1f s in %.0f target transactions; service heap at most %.0f MB used, old generation %.0f MB, "
                    + "%.0f MB live after a major GC (%.0f of them), CPU %.1f s%n", ROWS, published, changes,
                    captured.toMillis() / 1e3, applied.toMillis() / 1e3, metrics.get("transactions"),
                    peakHeap / 1048576.0, peakOldGen / 1048576.0, liveAfterMajorGc / 1048576.0,
                    service.scrape("jvm_gc_pause_seconds_count", "major"), service.cpu().toMillis() / 1e3);
        }
    }

    /** As production runs it ({@code Dockerfile}): an OutOfMemoryError ends the JVM rather than leaving it half-working. */
    private static List<String> serviceJvm() {
        List<String> jvm = new ArrayList<>(List.of(SinkBenchmark.SERVICE_JVM.split(" ")));
        jvm.add("-XX:+ExitOnOutOfMemoryError");
        return jvm;
    }

    @AfterAll
    static void stopSource() {
        if (source != null) {
            source.close();
        }
    }

    @Test
    void debeziumGaveEveryChangeOfTheTransactionOnePosition() {
        assertThat(positions).hasSize(1);
    }

    @Test
    void theTargetEqualsTheSourceRowByRow() {
        // sizes, not the lists: a failure should not print 200,000 rows
        assertThat(sourceRows.size()).as("live rows in the source").isEqualTo(ROWS - ROWS / 1000 + ROWS / 2000 + 2);
        assertThat(targetRows.size()).as("live rows in the target").isEqualTo(sourceRows.size());
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < sourceRows.size() && differences.size() < 10; i++) {
            if (!sourceRows.get(i).equals(targetRows.get(i))) {
                differences.add("source " + sourceRows.get(i) + ", target " + targetRows.get(i));
            }
        }
        assertThat(differences).isEmpty();
    }

    @Test
    void theKeysTheTransactionDeletedAreDeletedInTheTarget() {
        assertThat(goneFromSource).hasSize(ROWS / 2000 + 100);
        assertThat(deletedInTarget).containsExactlyElementsOf(goneFromSource);
    }

    @Test
    void everyChangeWasAppliedNoneSkippedNoneDeadLettered() {
        assertThat(metrics.get("applied")).isEqualTo((double) changes);
        assertThat(metrics.get("duplicate")).isZero();
        assertThat(metrics.get("stale")).isZero();
        assertThat(metrics.get("dead_lettered")).isZero();
        assertThat(deadLetters).isZero();
    }

    @Test
    void theTransactionWasAppliedInManyTargetTransactionsWithTheHeapUnder256Mb() {
        // cdc-sink.sink.chunk-size, 1,000 by default, records at most per target transaction
        assertThat(metrics.get("transactions")).isGreaterThanOrEqualTo(published / 1000.0);
        assertThat(peakHeap).isPositive().isLessThan(HEAP_LIMIT);
        assertThat(log()).doesNotContain("OutOfMemoryError");
    }

    private static String log() {
        try {
            return Files.readString(LOG);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs the statements on one connection, as one transaction if {@code together}. */
    private static void execute(boolean together, String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(source.jdbcUrl(DATABASE), source.username(),
                source.password()); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(!together);
            for (String sql : statements) {
                statement.execute(sql);
            }
            if (together) {
                connection.commit();
            }
        }
    }

    private static JdbcTemplate sourceJdbc() {
        return new JdbcTemplate(new DriverManagerDataSource(source.jdbcUrl(DATABASE), source.username(),
                source.password()));
    }

    /** Each row as text: {@code id|label|amount}. */
    private static List<String> rows(JdbcTemplate jdbc, String sql) {
        return jdbc.query(sql, (rs, i) -> rs.getLong(1) + "|" + rs.getString(2) + "|" + rs.getBigDecimal(3).toPlainString());
    }

    /**
     * The engine's records published to Kafka as a Connect worker does, without waiting for each
     * (a worker sends asynchronously too; nothing here restarts the engine), remembering the
     * positions of the transaction's changes and the keys it created.
     */
    private static final class Capture implements AutoCloseable {

        private final KafkaProducer<String, String> producer;
        private final AtomicReference<Exception> failure = new AtomicReference<>();
        private final AtomicLong records = new AtomicLong();
        private final AtomicLong changes = new AtomicLong();
        private final Set<String> positions = ConcurrentHashMap.newKeySet();
        private final Set<Long> created = ConcurrentHashMap.newKeySet();
        private final Set<Long> markers = ConcurrentHashMap.newKeySet();
        private DebeziumCapture engine;

        Capture(String bootstrapServers) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                    new StringSerializer(), new StringSerializer());
        }

        void start(Properties config) {
            engine = DebeziumCapture.start(config, this::publish);
        }

        private void publish(CapturedRecord record) {
            producer.send(new ProducerRecord<>(record.destination(), record.key(), record.value()), (metadata, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
            });
            records.incrementAndGet();
            if (record.value() == null) {
                return;
            }
            changes.incrementAndGet();
            long id = CapturedChanges.id(record);
            if (id == BEGIN_MARKER || id == END_MARKER) {
                markers.add(id);
                return;
            }
            Matcher position = POSITION.matcher(record.value());
            positions.add(position.find() ? position.group(1) + ":" + position.group(2) : "none");
            // the payload's op, which no field of the schema text looks like; parsing every value would slow the engine
            if (record.value().contains("\"op\":\"c\"")) {
                created.add(id);
            }
        }

        boolean seen(long marker) {
            return markers.contains(marker);
        }

        /** Waits until the broker has every record; returns how many there are. */
        long flush() {
            producer.flush();
            assertThat(failure.get()).as("publishing to Kafka").isNull();
            return records.get();
        }

        @Override
        public void close() {
            try {
                if (engine != null) {
                    engine.close();
                }
            } finally {
                producer.close();
            }
        }
    }
}
