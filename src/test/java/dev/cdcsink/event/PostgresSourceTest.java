package dev.cdcsink.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
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
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.cdcsink.apply.DeleteMode;
import dev.cdcsink.change.KafkaCoordinates;
import dev.cdcsink.change.RowChange;
import dev.cdcsink.change.SourcePosition;
import dev.cdcsink.devstack.DebeziumCapture;
import dev.cdcsink.devstack.DebeziumCapture.CapturedRecord;
import dev.cdcsink.support.MariaDbServer;
import dev.cdcsink.support.PostgresServer;
import dev.cdcsink.support.SinkHarness;
import dev.cdcsink.support.TargetDatabase;

/**
 * Events of the real Debezium PostgreSQL connector ({@code pgoutput} from a real PostgreSQL 17),
 * captured live: rows read by the snapshot, then inserts, updates and deletes streamed, among them
 * two transactions that commit in the opposite order of their writes. Their positions order as the
 * stream does, and the sink applies them into a MariaDB target that then holds what the source does.
 */
class PostgresSourceTest {

    private static final PostgresServer SOURCE = PostgresServer.shared();
    private static final MariaDbServer TARGET = MariaDbServer.shared();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String TABLE = "listings";
    private static final int SENTINEL = 99;
    private static final String NOTES = "notes";

    private static String database;
    private static List<CapturedRecord> records;

    @BeforeAll
    static void capture() throws Exception {
        database = SOURCE.createDatabase("pg_source");
        execute(List.of("CREATE TABLE " + TABLE + " (id BIGINT PRIMARY KEY, title VARCHAR(200) NOT NULL, "
                + "description TEXT, price NUMERIC(14,2), rooms SMALLINT, area INTEGER, active BOOLEAN NOT NULL, "
                + "score DOUBLE PRECISION, listed_on DATE, updated_at TIMESTAMP(6), seen_at TIMESTAMPTZ(6), photo BYTEA)",
                // the full before-image of updates and deletes (see the README's replica identity advice)
                "ALTER TABLE " + TABLE + " REPLICA IDENTITY FULL",
                insert(1, "Şişli'de satılık 3+1 daire 🏠"), insert(2, "Kadıköy'de kiralık stüdyo"),
                // REPLICA IDENTITY DEFAULT (PostgreSQL's own): updates carry no before-image, deletes only the
                // key, and an update that leaves a TOASTed value alone does not log it
                "CREATE TABLE " + NOTES + " (id INTEGER PRIMARY KEY, title VARCHAR(100) NOT NULL, body TEXT NOT NULL, "
                        + "attachment BYTEA, revision INTEGER NOT NULL)",
                note(1), note(2), note(3)));
        Path state = Files.createTempDirectory("pg-capture-");
        Properties config = DebeziumCapture.config("pg", SOURCE, database, state);
        config.setProperty("heartbeat.interval.ms", "100");
        records = new CopyOnWriteArrayList<>();
        try (DebeziumCapture capture = DebeziumCapture.start(config, records::add)) {
            await().atMost(WAIT).until(() -> records.size() >= 2);
            execute(List.of(insert(3, "Beşiktaş'ta ofis"),
                    "UPDATE " + TABLE + " SET price = 1.05, title = 'güncel', active = false WHERE id = 1",
                    "DELETE FROM " + TABLE + " WHERE id = 2",
                    "BEGIN; " + insert(4, "tek işlemde") + "; UPDATE " + TABLE + " SET rooms = 9 WHERE id = 4; COMMIT"));
            interleavedTransactions();
            execute(List.of("UPDATE " + NOTES + " SET title = 'title only', revision = 2 WHERE id = 1",
                    "DELETE FROM " + NOTES + " WHERE id = 2",
                    note(4), "UPDATE " + NOTES + " SET revision = 2 WHERE id = 4",
                    "UPDATE " + NOTES + " SET body = 'short now', revision = 3 WHERE id = 3"));
            execute(List.of("SELECT pg_logical_emit_message(true, 'audit', 'listings reviewed')"));
            await().atMost(WAIT).until(() -> records.stream().anyMatch(r -> r.destination().startsWith("__debezium-heartbeat")));
            execute(List.of(insert(SENTINEL, "son")));
            await().atMost(WAIT).until(() -> records.stream().anyMatch(r -> r.key() != null
                    && r.key().contains("\"id\":" + SENTINEL)));
        }
    }

    @AfterAll
    static void dropSlot() {
        SOURCE.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE database = '"
                + database + "'");
    }

    /** The first transaction writes first and commits last: the stream sends the second one first. */
    private static void interleavedTransactions() throws SQLException {
        try (Connection first = connect(); Connection second = connect()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            try (Statement a = first.createStatement(); Statement b = second.createStatement()) {
                a.execute(insert(10, "önce yazıldı, sonra işlendi"));
                b.execute(insert(11, "sonra yazıldı, önce işlendi"));
                second.commit();
                first.commit();
            }
        }
    }

    @Test
    void positionsOrderAsTheStreamSendsTheChanges() {
        List<RowChange> changes = parse(new SinkHarness(TargetDatabase.create(TARGET), DeleteMode.SOFT));
        assertThat(changes).extracting(c -> c.position().kind()).containsOnly(SourcePosition.WAL);
        List<RowChange> listings = changes.stream().filter(c -> c.table().table().equals(TABLE)).toList();
        assertThat(listings).extracting(c -> c.position().snapshot()).startsWith(true, true, false);
        for (int i = 1; i < changes.size(); i++) {
            assertThat(changes.get(i).position()).as("change %d after %s", i, changes.get(i - 1))
                    .isGreaterThanOrEqualTo(changes.get(i - 1).position());
        }
        // what the LSN alone would get wrong: row 10 was written before row 11 but committed after it
        RowChange ten = byKey(changes, 10);
        RowChange eleven = byKey(changes, 11);
        assertThat(ten.position().lsn()).isLessThan(eleven.position().lsn());
        assertThat(ten.position()).isGreaterThan(eleven.position());
    }

    @Test
    void theTargetHoldsWhatTheSourceHolds() {
        try (TargetDatabase target = TargetDatabase.create(TARGET)) {
            SinkHarness sink = new SinkHarness(target, DeleteMode.HARD);
            for (RowChange change : parse(sink)) {
                sink.apply(change);
            }
            String columns = "id, title, description, CAST(price AS CHAR) AS price, rooms, area, active, score, "
                    + "CAST(listed_on AS CHAR) AS listed_on, %s AS updated_at, %s AS seen_at, %s AS photo";
            List<Map<String, Object>> expected = sourceJdbc().queryForList("SELECT " + columns.formatted(
                    "to_char(updated_at, 'YYYY-MM-DD HH24:MI:SS.US')", "to_char(seen_at AT TIME ZONE 'UTC', "
                            + "'YYYY-MM-DD HH24:MI:SS.US')", "upper(encode(photo, 'hex'))")
                    .replace("CAST(price AS CHAR)", "CAST(price AS TEXT)").replace("CAST(listed_on AS CHAR)",
                            "CAST(listed_on AS TEXT)") + " FROM " + TABLE + " ORDER BY id");
            List<Map<String, Object>> actual = target.jdbc().queryForList("SELECT " + columns.formatted(
                    "DATE_FORMAT(updated_at, '%Y-%m-%d %H:%i:%s.%f')", "DATE_FORMAT(seen_at, '%Y-%m-%d %H:%i:%s.%f')",
                    "HEX(photo)") + " FROM " + TABLE + " ORDER BY id");
            assertThat(actual).hasSize(6);
            assertThat(render(actual)).isEqualTo(render(expected));
        }
    }

    @Test
    void heartbeatsAndLogMessagesAreSkippedAsNoChange() {
        List<ParseResult> parsed = parseAll(new SinkHarness(TargetDatabase.create(TARGET), DeleteMode.SOFT));
        List<String> ignored = parsed.stream().filter(ParseResult.Ignored.class::isInstance)
                .map(p -> p.coordinates().topic() + " " + ((ParseResult.Ignored) p).kind()).distinct().toList();
        assertThat(ignored).containsExactlyInAnyOrder("pg.message message", "__debezium-heartbeat.pg heartbeat");
        assertThat(parsed).noneMatch(ParseResult.Failure.class::isInstance);
    }

    /** The row changes among the records, parsed as the listener does. */
    private static List<RowChange> parse(SinkHarness sink) {
        return parseAll(sink).stream().filter(ParseResult.Change.class::isInstance)
                .map(p -> ((ParseResult.Change) p).change()).toList();
    }

    /** Every record but tombstones, parsed as the listener does; none may fail. */
    private static List<ParseResult> parseAll(SinkHarness sink) {
        ChangeEventParser parser = new ChangeEventParser(sink.catalog(), SinkHarness.EVENT_DEFAULTS.binaryHandlingMode());
        List<ParseResult> results = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            CapturedRecord r = records.get(i);
            if (r.value() == null) {
                continue;
            }
            ParseResult parsed = parser.parse(new KafkaCoordinates(r.destination(), 0, i, 0),
                    r.key() == null ? null : r.key().getBytes(StandardCharsets.UTF_8),
                    r.value().getBytes(StandardCharsets.UTF_8));
            assertThat(parsed).as("record %d: %s", i, r.value()).isNotInstanceOf(ParseResult.Failure.class);
            results.add(parsed);
        }
        return results;
    }

    private static RowChange byKey(List<RowChange> changes, long id) {
        return changes.stream().filter(c -> ((Number) c.key().get(0)).longValue() == id).findFirst().orElseThrow();
    }

    /** Values as text, so that a BIGINT read as Long on one side and Integer on the other compares equal. */
    private static List<Map<String, String>> render(List<Map<String, Object>> rows) {
        return rows.stream().map(row -> {
            Map<String, String> text = new java.util.LinkedHashMap<>();
            row.forEach((column, value) -> text.put(column.toLowerCase(), value instanceof Boolean b ? (b ? "1" : "0")
                    : String.valueOf(value)));
            return text;
        }).toList();
    }

    private static String insert(int id, String title) {
        return "INSERT INTO " + TABLE + " VALUES (" + id + ", '" + title.replace("'", "''") + "', 'açıklama " + id
                + "', " + (id * 1000 + 0.5) + ", " + (id % 5) + ", " + (id * 10) + ", true, " + (id / 3.0)
                + ", DATE '2026-0" + (id % 9 + 1) + "-1" + (id % 9) + "', TIMESTAMP '2026-12-01 10:11:12.123456'"
                + ", TIMESTAMPTZ '2026-12-01 10:11:12.654321+03', '\\x00ff" + String.format("%02x", id) + "'::bytea)";
    }

    /** A row whose body and attachment are stored out of line (TOAST): random, so that compression cannot keep them inline. */
    private static String note(int id) {
        return "INSERT INTO " + NOTES + " SELECT " + id + ", 'note " + id + "', string_agg(md5(random()::text), '') , "
                + "decode(string_agg(md5(random()::text), ''), 'hex'), 1 FROM generate_series(1, 400)";
    }

    /**
     * Updates that left TOAST values alone (the connector's placeholder instead), a delete with only
     * the key: the copy keeps the stored values and never holds the placeholder, whether each change
     * is applied by itself or compacted with the insert before it in one batch, in both delete modes.
     */
    @ParameterizedTest(name = "{0}, one batch: {1}")
    @CsvSource({"SOFT, false", "SOFT, true", "HARD, false", "HARD, true"})
    void valuesTheSourceDidNotLogKeepWhatTheTargetHolds(DeleteMode mode, boolean oneBatch) {
        try (TargetDatabase target = TargetDatabase.create(TARGET)) {
            SinkHarness sink = new SinkHarness(target, mode);
            List<RowChange> changes = parse(sink).stream().filter(c -> c.table().table().equals(NOTES)).toList();
            assertThat(changes).anyMatch(c -> c.after() != null && c.after().hasUnavailable());
            if (oneBatch) {
                sink.apply(sink.batch(changes));
            } else {
                changes.forEach(sink::apply);
            }
            String columns = "id, title, md5(body) AS body, md5(attachment) AS attachment, revision";
            List<Map<String, Object>> expected = sourceJdbc().queryForList("SELECT " + columns + " FROM " + NOTES
                    + " ORDER BY id");
            String live = mode == DeleteMode.SOFT ? " WHERE NOT _cdc_deleted" : "";
            assertThat(render(target.jdbc().queryForList("SELECT " + columns.replace("md5(", "MD5(") + " FROM " + NOTES
                    + live + " ORDER BY id"))).isEqualTo(render(expected));
            assertThat(target.jdbc().queryForObject("SELECT COUNT(*) FROM " + NOTES + " WHERE body = ?", Integer.class,
                    UnavailableValues.PLACEHOLDER)).isZero();
            if (mode == DeleteMode.SOFT) {
                // the key-only before-image of the delete ('' and 0 for the rest) is not written over the row
                assertThat(target.jdbc().queryForMap("SELECT title, revision FROM " + NOTES + " WHERE id = 2"))
                        .containsEntry("title", "note 2").containsEntry("revision", 1);
            }
        }
    }

    private static void execute(List<String> statements) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(SOURCE.jdbcUrl(database), SOURCE.username(), SOURCE.password());
    }

    private static JdbcTemplate sourceJdbc() {
        return new JdbcTemplate(new DriverManagerDataSource(SOURCE.jdbcUrl(database), SOURCE.username(),
                SOURCE.password()));
    }
}
