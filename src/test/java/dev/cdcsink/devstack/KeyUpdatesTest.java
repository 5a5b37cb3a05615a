package dev.cdcsink.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.cdcsink.apply.DeleteMode;
import dev.cdcsink.change.KafkaCoordinates;
import dev.cdcsink.change.RowChange;
import dev.cdcsink.devstack.DebeziumCapture.CapturedRecord;
import dev.cdcsink.event.ChangeEventParser;
import dev.cdcsink.support.MariaDbServer;
import dev.cdcsink.support.SinkHarness;
import dev.cdcsink.support.TargetDatabase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Updates of the primary key, as the real Debezium engine captures them from a MariaDB binlog (a
 * delete of the old key, a tombstone, a create of the new key, all at the transaction's
 * position): a plain key change, two rows swapping keys in one transaction, a key moved back to
 * one it had, and one statement shifting every key onto its neighbour's. Applied in either delete
 * mode, one record per batch, a few or all in one batch, the target ends equal to the source.
 */
class KeyUpdatesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TOPIC = "keys.src.accounts";
    private static final int PARTITIONS = 3;
    private static final long MARKER = 999;

    private static final MariaDbServer SERVER = MariaDbServer.shared();
    private static List<CapturedRecord> records;
    private static List<Map<String, Object>> sourceRows;
    private static TargetDatabase target;

    @BeforeAll
    static void captureKeyUpdates() throws SQLException {
        String source = SERVER.createDatabase("keys");
        CapturedChanges.execute(SERVER, source,
                "CREATE TABLE accounts (id INT NOT NULL PRIMARY KEY, name VARCHAR(32) NOT NULL)",
                "INSERT INTO accounts VALUES (1, 'ayşe'), (2, 'bora'), (3, 'cem'), (4, 'deniz'), (5, 'ece')");
        records = CapturedChanges.capture(SERVER, source, "accounts", 5, MARKER,
                "UPDATE accounts SET id = 11 WHERE id = 1",
                // a swap of keys inside one source transaction, through a free key
                "START TRANSACTION",
                "UPDATE accounts SET id = 100 WHERE id = 2",
                "UPDATE accounts SET id = 2 WHERE id = 3",
                "UPDATE accounts SET id = 3 WHERE id = 100",
                "COMMIT",
                // back to the key it had: the new key is a deleted one
                "UPDATE accounts SET id = 1 WHERE id = 11",
                // one statement, every new key the old key of the next row
                "UPDATE accounts SET id = id + 1 WHERE id >= 4 ORDER BY id DESC",
                "INSERT INTO accounts VALUES (" + MARKER + ", 'marker')");
        sourceRows = new JdbcTemplate(new DriverManagerDataSource(SERVER.jdbcUrl(source), SERVER.username(),
                SERVER.password())).queryForList("SELECT id, name FROM accounts ORDER BY id");
        target = TargetDatabase.create(SERVER);
    }

    @AfterAll
    static void closeTarget() {
        target.close();
    }

    static Stream<Arguments> modesAndBatchSizes() {
        return Stream.of(DeleteMode.values()).flatMap(m -> Stream.of(1, 2, 3, 1000).map(n -> Arguments.of(m, n)));
    }

    @ParameterizedTest(name = "{0} deletes, {1} records per batch")
    @MethodSource("modesAndBatchSizes")
    void targetEndsEqualToTheSourceWhateverTheBatching(DeleteMode mode, int perBatch) {
        target.clear();
        SinkHarness sink = new SinkHarness(target, mode);
        List<RowChange> changes = changes(sink);
        for (int from = 0; from < changes.size(); from += perBatch) {
            sink.apply(sink.batch(changes.subList(from, Math.min(changes.size(), from + perBatch))));
        }

        assertThat(target.jdbc().queryForList("SELECT id, name FROM accounts WHERE NOT _cdc_deleted ORDER BY id"))
                .isEqualTo(sourceRows);
        if (mode == DeleteMode.HARD) {
            assertThat(target.jdbc().queryForObject("SELECT COUNT(*) FROM accounts WHERE _cdc_deleted", Long.class))
                    .isZero();
        }
    }

    @ParameterizedTest(name = "{0} deletes")
    @EnumSource(DeleteMode.class)
    void aReplayOfTheWholeStreamEndsInTheSameState(DeleteMode mode) {
        target.clear();
        SinkHarness sink = new SinkHarness(target, mode);
        sink.apply(sink.batch(changes(sink)));
        List<Map<String, Object>> once = target.rows("accounts", "id", false);

        // the same events at later offsets, as after a rewind of the consumer group
        for (RowChange c : changes(sink)) {
            sink.apply(sink.batch(new RowChange(c.table(), c.schema(), c.op(), c.key(), c.before(), c.after(),
                    c.position(), c.sourceTimestamp(), new KafkaCoordinates(TOPIC, c.coordinates().partition(),
                            c.coordinates().offset() + 1000, 0))));
        }

        assertThat(target.rows("accounts", "id", false)).isEqualTo(once);
    }

    @Test
    void theEngineSendsADeleteOfTheOldKeyAndACreateOfTheNewOneAtOnePosition() {
        assertThat(records.subList(5, 8)).extracting(CapturedChanges::op, CapturedChanges::id)
                .containsExactly(tuple("d", 1L), tuple("tombstone", 1L), tuple("c", 11L));
        JsonNode delete = JSON.readTree(records.get(5).value()).get("payload").get("source");
        JsonNode create = JSON.readTree(records.get(7).value()).get("payload").get("source");
        assertThat(create.get("pos")).isEqualTo(delete.get("pos"));
        assertThat(create.get("file")).isEqualTo(delete.get("file"));
    }

    private static List<RowChange> changes(SinkHarness sink) {
        return CapturedChanges.parse(records, new ChangeEventParser(sink.catalog()), TOPIC, PARTITIONS);
    }
}
