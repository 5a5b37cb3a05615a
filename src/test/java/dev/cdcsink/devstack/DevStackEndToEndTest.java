package dev.cdcsink.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;

import dev.cdcsink.dialect.Bookkeeping;
import dev.cdcsink.generator.ChangeWriter;
import dev.cdcsink.generator.DataGenerator;
import dev.cdcsink.generator.GeneratorTable;
import dev.cdcsink.generator.Listing;
import dev.cdcsink.generator.OpMix;
import dev.cdcsink.generator.SourceSql;
import dev.cdcsink.reconcile.ReconcileStatus;
import dev.cdcsink.reconcile.Reconciler;
import dev.cdcsink.support.KafkaBroker;
import dev.cdcsink.support.MariaDbServer;
import dev.cdcsink.support.PostgresServer;
import dev.cdcsink.support.TargetDatabase;
import dev.cdcsink.support.TargetKind;
import dev.cdcsink.support.TargetServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole flow with real parts, as dev mode runs it: the generator writes listings, their
 * photos and their details into the source, the real Debezium engine captures the three tables'
 * binlog into Kafka, the service creates the target tables from the events and keeps them equal
 * to the source.
 */
class DevStackEndToEndTest {

    private static final Logger log = LoggerFactory.getLogger(DevStackEndToEndTest.class);
    private static final Duration CATCH_UP = Duration.ofSeconds(90);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The primary key of each table, which orders its rows for comparison. */
    private static final Map<GeneratorTable, List<String>> KEYS = Map.of(
            GeneratorTable.LISTINGS, List.of("id"),
            GeneratorTable.PHOTOS, List.of("listing_id", "photo_no"),
            GeneratorTable.DETAILS, List.of("listing_id"));

    private final MariaDbServer server = MariaDbServer.shared();
    private final KafkaBroker kafka = KafkaBroker.shared();
    private final String sourceDb = server.createDatabase("e2e_source");
    private final String targetDb = server.createDatabase("e2e_target");
    // plain pools on the two databases; the service migrates the target itself
    private final TargetDatabase source = TargetDatabase.attach(server, sourceDb);
    private final TargetDatabase target = TargetDatabase.attach(server, targetDb);
    private DevStack stack;

    @TempDir
    Path captureState;

    @AfterEach
    void stopStack() {
        try {
            closeStack();
        } finally {
            source.close();
            target.close();
        }
    }

    private void closeStack() {
        if (stack != null) {
            try {
                stack.close();
            } finally {
                stack = null;
            }
        }
    }

    @Test
    void atAHighRateOfInsertsUpdatesAndDeletesEveryRowOfTheThreeTargetTablesEndsEqualToItsSourceRow() {
        stack = startStack();
        DataGenerator generator = stack.generator();
        generator.start(new DataGenerator.Settings(400, new OpMix(60, 30, 10)));
        await().atMost(Duration.ofSeconds(60)).until(() -> written(generator) >= 4000);
        DataGenerator.Status written = generator.halt();

        awaitTargetEqualsSource();

        for (GeneratorTable table : GeneratorTable.values()) {
            assertThat(written.tables().get(table.table())).as("rows written to %s", table.table())
                    .allSatisfy((op, rows) -> assertThat(rows).as(op).isPositive());
            assertThat(deletedRows(table)).as("soft-deleted rows of %s", table.table()).isPositive();
        }
        Map<Long, Listing> rows = TargetDatabase.listings(source.jdbc(), "TRUE");
        assertThat(rows.values()).anyMatch(l -> !l.title().chars().allMatch(c -> c < 128))
                .anyMatch(l -> l.updatedAt().getNano() % 1_000_000 != 0)
                .anyMatch(l -> l.price().remainder(java.math.BigDecimal.ONE).signum() != 0)
                .anyMatch(l -> l.status().equals("SOLD"));
        // listing ids are never reused, so every listing the generator deleted is one soft-deleted row
        assertThat(deletedRows(GeneratorTable.LISTINGS)).isEqualTo(written.tables().get("listings").get("delete"));
        // the wide types arrived with values, not only as NULLs that would compare equal anyway
        assertThat(target.jdbc().queryForMap("SELECT SUM(JSON_VALID(attributes)) AS json,"
                + " COUNT(DISTINCT item_condition) AS conditions, SUM(features LIKE '%,%') AS feature_sets,"
                + " SUM(published_at IS NOT NULL) AS timestamps, SUM(HEX(thumbnail) LIKE 'FFD8FFE0%') AS blobs,"
                + " SUM(ST_SRID(location) = 4326) AS points, SUM(flags + 0 > 0) AS bits, SUM(view_count > 0) AS views"
                + " FROM listing_details WHERE NOT _cdc_deleted"))
                .allSatisfy((measure, count) -> assertThat(((Number) count).longValue()).as(measure).isPositive());
        assertThat(changes("applied")).isEqualTo(changeRecords().size());
        assertThat(changes("duplicate") + changes("stale") + changes("dead_lettered")).isZero();
    }

    @Test
    void restartingTheCaptureLosesNoChangeAndSkipsChangesSentAgain() throws Exception {
        stack = startStack();
        DataGenerator generator = stack.generator();
        generator.start(new DataGenerator.Settings(200, new OpMix(60, 30, 10)));
        await().atMost(CATCH_UP).until(() -> written(generator) >= 600);

        // a plain restart: the engine stored its offsets on stop and resumes from them. It stores
        // them only once it has delivered a change, which on a loaded machine may come after the
        // generator's first 600 rows: wait for the first change to reach the target.
        await().atMost(CATCH_UP).until(() -> changes("applied") > 0);
        stack.stopCapture();
        Path offsets = captureState.resolve("offsets.dat");
        Path olderOffsets = captureState.resolve("offsets.older");
        Files.copy(offsets, olderOffsets);
        stack.startCapture();
        await().atMost(CATCH_UP).until(() -> written(generator) >= 1200);

        // as after a crash between publishing and storing offsets: everything since is published again
        stack.stopCapture();
        Files.copy(olderOffsets, offsets, StandardCopyOption.REPLACE_EXISTING);
        stack.startCapture();
        await().atMost(CATCH_UP).until(() -> written(generator) >= 1600);
        generator.halt();

        awaitTargetEqualsSource();

        List<String> records = changeRecords();
        Set<String> distinct = new HashSet<>(records);
        assertThat(records.size()).as("changes published again after the rewind").isGreaterThan(distinct.size());
        // every record is accounted for once; a re-sent change is skipped as stale or duplicate,
        // except one re-sent after a later change of its own transaction (they share a position and
        // nothing orders them but the partition), which is written again and then overwritten by
        // the later change re-sent right behind it
        assertThat(changes("applied") + changes("duplicate") + changes("stale")).isEqualTo(records.size());
        assertThat(changes("duplicate") + changes("stale")).isPositive();
        assertThat(changes("applied")).isBetween((long) distinct.size(), (long) records.size());
        assertThat(changes("dead_lettered")).isZero();
    }

    @Test
    void rowsOfTheThreeTablesThatExistBeforeCaptureStartsArriveAsSnapshotReadsAndLand() {
        SourceSchema.migrate(server, sourceDb);
        new ChangeWriter(source.dataSource(), SourceSql.MYSQL, 7).write(new OpMix(1, 0, 0), 50, Clock.systemUTC());
        long sourceRows = 0;
        for (GeneratorTable table : GeneratorTable.values()) {
            long rows = source.jdbc().queryForObject("SELECT COUNT(*) FROM " + table.table(), Long.class);
            assertThat(rows).as("rows of %s before the capture starts", table.table()).isPositive();
            sourceRows += rows;
        }
        assertThat(target.hasTable("listings")).isFalse();

        stack = startStack();

        awaitTargetEqualsSource();
        assertThat(TargetDatabase.listings(target.jdbc(), "TRUE")).hasSize(50);
        assertThat(changes("r", "applied")).isEqualTo(sourceRows);
        assertThat(changes("c", "applied")).isZero();
    }

    /**
     * While the generator writes: a column added to listing_details (and filled), listings' title
     * widened (and longer titles written), the added column dropped again, and a new table created
     * and filled. The sink follows each change in order with the data (schema evolution
     * {@code evolve}): reconcile finds every table equal to its source, nothing dead-lettered.
     */
    @Test
    void schemaChangesWhileTheGeneratorWritesAreFollowedAndReconcileFindsEveryTableEqual() {
        stack = startStack(Map.of("cdc-sink.tables.schema-evolution", "evolve"));
        DataGenerator generator = stack.generator();
        generator.start(new DataGenerator.Settings(150, new OpMix(60, 30, 10)));
        await().atMost(CATCH_UP).until(() -> written(generator) >= 300);
        sourceWrite("ALTER TABLE listing_details ADD COLUMN energy_class CHAR(1) NULL");
        sourceWrite("UPDATE listing_details SET energy_class = 'A' WHERE listing_id % 3 = 0");
        await().atMost(CATCH_UP).until(() -> written(generator) >= 600);
        sourceWrite("ALTER TABLE listings MODIFY title VARCHAR(300) NOT NULL");
        sourceWrite("UPDATE listings SET title = CONCAT(title, ' — ', REPEAT('ğ', 150)) WHERE id % 4 = 0");
        await().atMost(CATCH_UP).until(() -> written(generator) >= 900);
        sourceWrite("ALTER TABLE listing_details DROP COLUMN energy_class");
        sourceWrite("CREATE TABLE listing_reports (id BIGINT AUTO_INCREMENT PRIMARY KEY, listing_id BIGINT "
                + "NOT NULL, reason ENUM('spam', 'wrong_price', 'sold') NOT NULL, note VARCHAR(200) NULL, "
                + "reported_at DATETIME(6) NOT NULL) DEFAULT CHARSET = utf8mb4");
        sourceWrite("INSERT INTO listing_reports (listing_id, reason, note, reported_at) SELECT id, "
                + "ELT(1 + id % 3, 'spam', 'wrong_price', 'sold'), CONCAT('şikâyet ', id), NOW(6) FROM listings LIMIT 40");
        await().atMost(CATCH_UP).until(() -> written(generator) >= 1200);
        generator.halt();

        Reconciler reconciler = stack.service().getBean(Reconciler.class);
        await().atMost(CATCH_UP).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            assertThat(stack.serviceLag()).isZero();
            ReconcileStatus report = reconciler.reconcile(null, 10_000, 100);
            assertThat(report.tables()).extracting(ReconcileStatus.TableResult::targetTable)
                    .contains("listings", "listing_photos", "listing_details", "listing_reports");
            assertThat(report.state()).as("%s", report).isEqualTo(ReconcileStatus.State.EQUAL);
        });
        assertThat(changes("dead_lettered")).isZero();
        assertThat(target.jdbc().queryForList("SELECT CONCAT(table_name, ' ', kind, ' ', COALESCE(column_name, '-')) "
                + "FROM sink_schema_change WHERE kind NOT IN ('create_table') ORDER BY id", String.class))
                .containsExactly("listing_details add_column energy_class", "listings widen_column title");
        assertThat(target.jdbc().queryForObject("SELECT COUNT(*) FROM listing_reports", Long.class)).isEqualTo(40);
    }

    /**
     * Across products: the generator writes inserts, updates and deletes into a source of one
     * product, its connector (MariaDB's, or PostgreSQL's with {@code pgoutput}) captures them, the
     * service creates the tables in a target of the other product (or of the same, PostgreSQL) with
     * types mapped from the source's and applies every change; reconcile, each side's checksums in
     * its own SQL, then finds every table equal, and nothing is dead-lettered; a value then taken
     * from a row of the copy makes its table differ by that key alone.
     */
    @ParameterizedTest(name = "{0} source, {1} target")
    @CsvSource({ "MARIADB, POSTGRES", "POSTGRES, POSTGRES", "POSTGRES, MARIADB" })
    void fromASourceOfEitherProductIntoATargetOfEitherEveryTableReconcilesEqualAndAChangedCopyRowIsNamed(
            TargetKind sourceKind,
            TargetKind targetKind) {
        TargetServer sourceServer = sourceKind.server();
        TargetServer targetServer = targetKind.server();
        String prefix = KafkaBroker.uniqueName("cross");
        String sourceDatabase = sourceServer.createDatabase("cross_source");
        String targetDatabase = targetServer.createDatabase("cross_target");
        long started = System.nanoTime();
        try (TargetDatabase copy = TargetDatabase.attach(targetServer, targetDatabase)) {
            stack = DevStack.start(sourceServer, targetServer, kafka, new DevStack.Settings(prefix, sourceDatabase,
                    targetDatabase, 3, captureState, Map.of("cdc-sink.generator.enabled", "false",
                            "cdc-sink.generator.seed", "5")));
            DataGenerator generator = stack.generator();
            generator.start(new DataGenerator.Settings(300, new OpMix(60, 30, 10)));
            await().atMost(CATCH_UP).until(() -> written(generator) >= 1500);
            DataGenerator.Status written = generator.halt();

            Reconciler reconciler = stack.service().getBean(Reconciler.class);
            await().atMost(CATCH_UP).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                assertThat(stack.serviceLag()).isZero();
                ReconcileStatus report = reconciler.reconcile(null, 500, 20);
                assertThat(report.tables()).extracting(ReconcileStatus.TableResult::targetTable)
                        .containsExactlyInAnyOrder("listing_details", "listing_photos", "listings");
                assertThat(report.state()).as("%s", report).isEqualTo(ReconcileStatus.State.EQUAL);
            });
            for (GeneratorTable table : GeneratorTable.values()) {
                assertThat(written.tables().get(table.table())).as("rows written to %s", table.table())
                        .allSatisfy((op, rows) -> assertThat(rows).as(op).isPositive());
                assertThat(copy.jdbc().queryForObject("SELECT COUNT(*) FROM " + table.table() + " WHERE "
                        + Bookkeeping.DELETED, Long.class)).as("soft-deleted rows of %s", table.table()).isPositive();
            }
            assertThat(changes("applied")).isPositive();
            assertThat(changes("dead_lettered")).isZero();

            // a point lost in the copy: its page differs, both sides' rows of it are read, the key is named
            long changed = copy.jdbc().queryForObject("SELECT MIN(listing_id) FROM listing_details WHERE location IS NOT NULL"
                    + " AND NOT " + Bookkeeping.DELETED, Long.class);
            copy.jdbc().update("UPDATE listing_details SET location = NULL WHERE listing_id = ?", changed);
            ReconcileStatus report = reconciler.reconcile("listing_details", 500, 20);
            assertThat(report.state()).isEqualTo(ReconcileStatus.State.DIFFERENT);
            assertThat(report.tables().get(0).differences()).singleElement().satisfies(difference -> {
                assertThat(((Number) difference.key().get("listing_id")).longValue()).isEqualTo(changed);
                assertThat(difference.difference()).isEqualTo(ReconcileStatus.Difference.DIFFERENT);
            });
        } finally {
            closeStack();
            if (sourceServer instanceof PostgresServer postgres) {
                postgres.dropSlot(DebeziumCapture.slotName(prefix, sourceDatabase));
            }
        }
        log.info("{} source -> {} target: {} s", sourceKind, targetKind, (System.nanoTime() - started) / 1_000_000_000);
    }

    private DevStack startStack() {
        return startStack(Map.of());
    }

    private DevStack startStack(Map<String, String> settings) {
        String prefix = KafkaBroker.uniqueName("e2e");
        Map<String, String> properties = new HashMap<>(Map.of("cdc-sink.generator.enabled", "false",
                "cdc-sink.generator.seed", "3"));
        properties.putAll(settings);
        return DevStack.start(server, server, kafka, new DevStack.Settings(prefix, sourceDb, targetDb, 3, captureState,
                properties));
    }

    /**
     * Every table the generator writes: the sink created it in the target (nothing else does) with
     * the source's columns and column types plus its bookkeeping columns; its live target rows
     * equal the source rows, every column compared by its JDBC value (the bookkeeping columns
     * left out); and no key the source holds is flagged deleted.
     */
    /**
     * A statement on the source while the generator writes: InnoDB may pick it as a deadlock's
     * victim, and then it is run again, as an application would.
     */
    private void sourceWrite(String sql) {
        await().atMost(CATCH_UP).ignoreException(PessimisticLockingFailureException.class).until(() -> {
            source.jdbc().execute(sql);
            return true;
        });
    }

    private void awaitTargetEqualsSource() {
        await().atMost(CATCH_UP).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (GeneratorTable table : GeneratorTable.values()) {
                assertCreatedWithTheSourcesColumns(table);
                String order = String.join(", ", KEYS.get(table));
                List<Map<String, Object>> sourceRows = source.rows(table.table(), order, false);
                List<Map<String, Object>> live = new ArrayList<>();
                Set<List<Object>> deletedKeys = new HashSet<>();
                for (Map<String, Object> row : target.rows(table.table(), order, false)) {
                    if (isTrue(row.get(Bookkeeping.DELETED))) {
                        deletedKeys.add(key(table, row));
                    } else {
                        row.keySet().removeIf(Bookkeeping::isReserved);
                        live.add(row);
                    }
                }
                assertThat(live).as("live rows of %s", table.table()).isEqualTo(sourceRows);
                assertThat(sourceRows.stream().map(row -> key(table, row)).filter(deletedKeys::contains))
                        .as("source keys of %s flagged deleted in the target", table.table()).isEmpty();
            }
            assertThat(stack.serviceLag()).isZero();
        });
    }

    private void assertCreatedWithTheSourcesColumns(GeneratorTable table) {
        Map<String, String> created = columnTypes(target, table);
        Map<String, String> bookkeeping = new LinkedHashMap<>(created);
        created.keySet().removeIf(Bookkeeping::isReserved);
        bookkeeping.keySet().removeIf(column -> !Bookkeeping.isReserved(column));
        // column.propagate.source.type: ENUM, SET, TIMESTAMP, POINT … as in the source, not by the values' kind
        assertThat(created).as("columns the sink created for %s", table.table()).isEqualTo(columnTypes(source, table));
        assertThat(bookkeeping.keySet()).as("bookkeeping columns of %s", table.table())
                .containsExactlyInAnyOrderElementsOf(Bookkeeping.COLUMNS);
    }

    private static List<Object> key(GeneratorTable table, Map<String, Object> row) {
        return KEYS.get(table).stream().map(row::get).toList();
    }

    private static boolean isTrue(Object flag) {
        return flag instanceof Boolean b ? b : ((Number) flag).intValue() != 0;
    }

    private long deletedRows(GeneratorTable table) {
        return target.jdbc().queryForObject("SELECT COUNT(*) FROM " + table.table() + " WHERE _cdc_deleted", Long.class);
    }

    /** Column name → column type as the server reports it, e.g. {@code enum('new','like_new','used','for_parts')}. */
    private static Map<String, String> columnTypes(TargetDatabase db, GeneratorTable table) {
        Map<String, String> types = new LinkedHashMap<>();
        db.jdbc().query("SELECT COLUMN_NAME, COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()"
                + " AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION", rs -> {
                    types.put(rs.getString(1), rs.getString(2));
                }, table.table());
        return types;
    }

    /** Rows the generator wrote, over all tables and ops. */
    private static long written(DataGenerator generator) {
        return generator.status().rows().values().stream().mapToLong(Long::longValue).sum();
    }

    private long changes(String outcome) {
        return changes(null, outcome);
    }

    private long changes(String op, String outcome) {
        var search = stack.service().getBean(MeterRegistry.class).find("cdc.sink.changes").tag("outcome", outcome);
        if (op != null) {
            search = search.tag("op", op);
        }
        return (long) search.counters().stream().mapToDouble(Counter::count).sum();
    }

    /**
     * Every change event in the change topics (tombstones left out), each as its topic, key,
     * transaction position, op and row images: the same change published again gives the same string.
     */
    private List<String> changeRecords() {
        List<String> changes = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = stack.partitions();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() != null) {
                        JsonNode payload = JSON.readTree(record.value()).get("payload");
                        JsonNode position = payload.get("source");
                        changes.add(record.topic() + " " + record.key() + "@" + position.get("file").asString() + ":"
                                + position.get("pos") + " " + payload.get("op").asString() + " " + payload.get("before")
                                + " -> " + payload.get("after"));
                    }
                }
            }
        }
        return changes;
    }
}
