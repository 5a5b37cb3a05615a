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

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.cdcsink.apply.DeleteMode;
import dev.cdcsink.change.KafkaCoordinates;
import dev.cdcsink.change.RowChange;
import dev.cdcsink.devstack.DebeziumCapture;
import dev.cdcsink.devstack.DebeziumCapture.CapturedRecord;
import dev.cdcsink.event.ChangeEventParser;
import dev.cdcsink.event.ParseResult;
import dev.cdcsink.event.decode.DecodeException;
import dev.cdcsink.support.MariaDbServer;
import dev.cdcsink.support.SinkHarness;
import dev.cdcsink.support.TargetDatabase;

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
        Properties config = DebeziumCapture.config("evo", SERVER, sourceDb, Files.createTempDirectory("evolving-"));
        config.setProperty("column.propagate.source.type", ".*");
        List<CapturedRecord> captured = new CopyOnWriteArrayList<>();
        try (Connection connection = DriverManager.getConnection(SERVER.jdbcUrl(sourceDb), SERVER.username(),
                SERVER.password()); Statement statement = connection.createStatement()) {
            // the table and its first row before the engine starts: the snapshot reads them, and the
            // DDL after it is streamed (a snapshot running while a column is dropped would fail)
            statement.execute(SOURCE.get(0));
            statement.execute(SOURCE.get(1));
            try (DebeziumCapture capture = DebeziumCapture.start(config, captured::add)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> !captured.isEmpty());
                for (String sql : SOURCE.subList(2, SOURCE.size())) {
                    statement.execute(sql);
                }
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> captured.stream().filter(r -> r.value() != null).count() == 5);
            }
        }
        records = List.copyOf(captured);
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

    private static JdbcTemplate jdbc() {
        return new JdbcTemplate(new DriverManagerDataSource(SERVER.jdbcUrl(sourceDb), SERVER.username(),
                SERVER.password()));
    }
}
