package dev.cdcsink.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.cdcsink.apply.ApplyResult;
import dev.cdcsink.apply.DeleteMode;
import dev.cdcsink.apply.SourceSwitch;
import dev.cdcsink.change.RowChange;
import dev.cdcsink.devstack.DebeziumCapture.CapturedRecord;
import dev.cdcsink.event.ChangeEventParser;
import dev.cdcsink.support.MariaDbServer;
import dev.cdcsink.support.SinkHarness;
import dev.cdcsink.support.TargetDatabase;
import dev.cdcsink.support.TargetKind;

/**
 * A failover of the source to another server whose binlog coordinates are lower, with the events
 * of two real MariaDB servers as the Debezium engine captures them: server A (server id 1, its
 * binlog rotated a few times) streams changes, then server B (server id 2, a fresh binlog, holding
 * A's rows as a promoted replica would) streams the changes made after the failover. Both streams
 * in one topic, as a connector moved to B publishes them: every change after the switch lands (none
 * is taken for stale because B's positions are below A's), also through a replay of the whole
 * topic, and in both target products.
 */
class SourceFailoverTest {

    private static final String TOPIC = "failover.shop.accounts";
    private static final int PARTITIONS = 3;
    private static final String DATABASE = "shop";
    private static final long MARKER_A = 999;
    private static final long MARKER_B = 1000;

    private static MariaDbServer serverA;
    private static MariaDbServer serverB;
    private static List<CapturedRecord> records;
    private static List<Map<String, Object>> rowsOfB;

    @BeforeAll
    static void captureBothServers() throws SQLException {
        serverA = MariaDbServer.start("failover-a");
        serverB = MariaDbServer.start("failover-b", List.of("--server-id=2"));
        String table = "CREATE TABLE accounts (id INT NOT NULL PRIMARY KEY, name VARCHAR(32) NOT NULL)";
        serverA.execute("CREATE DATABASE " + DATABASE);
        CapturedChanges.execute(serverA, DATABASE, table,
                "INSERT INTO accounts VALUES (1, 'ayşe'), (2, 'bora'), (3, 'cem'), (4, 'deniz'), (5, 'ece')",
                // A's binlog is a few files further on than B's will be
                "FLUSH BINARY LOGS", "FLUSH BINARY LOGS", "FLUSH BINARY LOGS");
        List<CapturedRecord> fromA = CapturedChanges.capture(serverA, DATABASE, "accounts", 5, MARKER_A,
                "UPDATE accounts SET name = 'ayşe a' WHERE id = 1",
                "UPDATE accounts SET name = 'bora a' WHERE id = 2",
                "DELETE FROM accounts WHERE id = 3",
                "INSERT INTO accounts VALUES (6, 'fatma')",
                "INSERT INTO accounts VALUES (" + MARKER_A + ", 'marker a')");

        // B holds what A held at the failover; its own binlog starts at file 1
        serverB.execute("CREATE DATABASE " + DATABASE);
        CapturedChanges.execute(serverB, DATABASE, table,
                "INSERT INTO accounts VALUES (1, 'ayşe a'), (2, 'bora a'), (4, 'deniz'), (5, 'ece'), (6, 'fatma'), ("
                        + MARKER_A + ", 'marker a')");
        List<CapturedRecord> fromB = CapturedChanges.capture(serverB, DATABASE, "accounts", 6, MARKER_B,
                "UPDATE accounts SET name = 'ayşe b' WHERE id = 1",
                "DELETE FROM accounts WHERE id = 2",
                "INSERT INTO accounts VALUES (3, 'cem again')",
                "UPDATE accounts SET name = 'deniz b' WHERE id = 4",
                "INSERT INTO accounts VALUES (7, 'gül')",
                "INSERT INTO accounts VALUES (" + MARKER_B + ", 'marker b')");
        records = new ArrayList<>(fromA);
        // a connector that moved to B goes on streaming with B's GTIDs: no new snapshot
        fromB.stream().filter(r -> !"r".equals(CapturedChanges.op(r))).forEach(records::add);
        rowsOfB = new JdbcTemplate(new DriverManagerDataSource(serverB.jdbcUrl(DATABASE), serverB.username(),
                serverB.password())).queryForList("SELECT id, name FROM accounts ORDER BY id");
    }

    @AfterAll
    static void stopServers() {
        serverA.close();
        serverB.close();
    }

    static Stream<Arguments> targetsAndModes() {
        return Stream.of(TargetKind.values()).flatMap(t -> Stream.of(DeleteMode.values()).flatMap(
                m -> Stream.of(1, 1000).map(n -> Arguments.of(t, m, n))));
    }

    @Test
    void serverBsPositionsAreBelowServerAs() {
        List<RowChange> changes;
        try (TargetDatabase target = TargetDatabase.create(serverA)) {
            changes = changes(new SinkHarness(target, DeleteMode.SOFT));
        }
        RowChange lastOfA = changes.stream().filter(c -> c.sourceServer().startsWith("server_id=1")).reduce((a, b) -> b)
                .orElseThrow();
        RowChange firstOfB = changes.stream().filter(c -> c.sourceServer().startsWith("server_id=2")).findFirst()
                .orElseThrow();
        assertThat(lastOfA.sourceServer()).isEqualTo("server_id=1 gtid=0-1");
        assertThat(firstOfB.sourceServer()).isEqualTo("server_id=2 gtid=0-2");
        assertThat(firstOfB.position().fileIndex()).isLessThan(lastOfA.position().fileIndex());
        assertThat(firstOfB.position()).isLessThan(lastOfA.position());
    }

    @ParameterizedTest(name = "{0} target, {1} deletes, {2} records per batch")
    @MethodSource("targetsAndModes")
    void everyChangeAfterTheFailoverLands(TargetKind kind, DeleteMode mode, int perBatch) {
        try (TargetDatabase target = TargetDatabase.create(kind.server())) {
            SinkHarness sink = new SinkHarness(target, mode);
            List<RowChange> changes = changes(sink);
            List<SourceSwitch> switches = applyAll(sink, changes, perBatch);

            assertThat(live(target)).isEqualTo(rowsOfB);
            // each partition that got B's changes found its log restarted once, all under one epoch
            assertThat(switches).isNotEmpty().allSatisfy(s -> {
                assertThat(s.epoch()).isEqualTo(1);
                assertThat(s.server()).isEqualTo("server_id=2 gtid=0-2");
                assertThat(s.previousServer()).isEqualTo("server_id=1 gtid=0-1");
            });
            assertThat(switches).extracting(SourceSwitch::partition).doesNotHaveDuplicates();
            assertThat(target.jdbc().queryForList("SELECT kafka_partition, epoch FROM sink_source_epoch ORDER BY "
                    + "kafka_partition")).hasSameSizeAs(switches);
        }
    }

    @ParameterizedTest(name = "{0} target")
    @MethodSource("targets")
    void aReplayOfTheTopicFromTheStartEndsInTheSameState(TargetKind kind) {
        try (TargetDatabase target = TargetDatabase.create(kind.server())) {
            SinkHarness sink = new SinkHarness(target, DeleteMode.SOFT);
            applyAll(sink, changes(sink), 1000);
            List<Map<String, Object>> once = target.rows("accounts", "id", false);

            // what POST /api/pipeline/replay from earliest does to the stored offsets
            target.jdbc().update("UPDATE sink_offset SET next_offset = 0");
            List<SourceSwitch> again = applyAll(sink, changes(sink), 2);

            assertThat(again).as("a replay reads the epochs recorded, it finds no new switch").isEmpty();
            assertThat(target.rows("accounts", "id", false)).isEqualTo(once);
            assertThat(live(target)).isEqualTo(rowsOfB);
        }
    }

    static Stream<TargetKind> targets() {
        return Stream.of(TargetKind.values());
    }

    private static List<SourceSwitch> applyAll(SinkHarness sink, List<RowChange> changes, int perBatch) {
        List<SourceSwitch> switches = new ArrayList<>();
        for (int from = 0; from < changes.size(); from += perBatch) {
            ApplyResult result = sink.apply(sink.batch(changes.subList(from, Math.min(changes.size(), from + perBatch))));
            switches.addAll(result.sourceSwitches());
        }
        return switches;
    }

    private static List<Map<String, Object>> live(TargetDatabase target) {
        return target.jdbc().queryForList("SELECT id, name FROM accounts WHERE NOT _cdc_deleted ORDER BY id");
    }

    private static List<RowChange> changes(SinkHarness sink) {
        return CapturedChanges.parse(records, new ChangeEventParser(sink.catalog()), TOPIC, PARTITIONS);
    }
}
