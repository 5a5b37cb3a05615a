package dev.cdcsink.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cdcsink.devstack.DebeziumCapture.CapturedRecord;
import dev.cdcsink.support.MariaDbServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The embedded-Debezium runner against a real MariaDB binlog: snapshot, streaming, restart, errors. */
class DebeziumCaptureTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final MariaDbServer server = MariaDbServer.shared();
    private String database;

    @TempDir
    Path state;

    @BeforeEach
    void createSourceWithTwoRows() {
        database = server.createDatabase("capture");
        SourceSchema.migrate(server, database);
        insert(1, "Şişli'de satılık 3+1 daire", "1234567.89");
        insert(2, "Kadıköy'de kiralık stüdyo", "0.05");
    }

    @Test
    void rowsExistingBeforeStartArriveAsSnapshotReads() {
        List<CapturedRecord> records = new CopyOnWriteArrayList<>();
        try (DebeziumCapture capture = DebeziumCapture.start(config(), records::add)) {
            await().atMost(WAIT).until(() -> records.size() == 2);
        }

        List<Event> events = events(records);
        assertThat(events).extracting(Event::op, Event::id).containsExactly(tuple("r", 1L), tuple("r", 2L));
        assertThat(events).extracting(Event::destination).containsOnly("test." + database + ".listings");
        assertThat(events.get(0).value().get("after").get("title").asString()).isEqualTo("Şişli'de satılık 3+1 daire");
        assertThat(events.get(1).value().get("source").get("snapshot").asString()).isEqualTo("last");
    }

    @Test
    void changesAfterStartArriveAsCreateUpdateDeleteAndTombstone() {
        List<CapturedRecord> records = new CopyOnWriteArrayList<>();
        try (DebeziumCapture capture = DebeziumCapture.start(config(), records::add)) {
            await().atMost(WAIT).until(() -> records.size() == 2);
            insert(3, "Çankaya'da eşyalı daire", "250000.00");
            server.execute("UPDATE `" + database + "`.listings SET status = 'SOLD' WHERE id = 1");
            server.execute("DELETE FROM `" + database + "`.listings WHERE id = 2");
            await().atMost(WAIT).until(() -> records.size() == 6);
        }

        List<Event> changes = events(records).subList(2, 6);
        assertThat(changes).extracting(Event::op, Event::id).containsExactly(
                tuple("c", 3L), tuple("u", 1L), tuple("d", 2L), tuple("tombstone", 2L));
        assertThat(changes.get(1).value().get("before").get("status").asString()).isEqualTo("ACTIVE");
        assertThat(changes.get(1).value().get("after").get("status").asString()).isEqualTo("SOLD");
        assertThat(changes.get(2).value().get("after").isNull()).isTrue();
        assertThat(changes.get(2).value().get("source").get("snapshot").asString()).isEqualTo("false");
    }

    @Test
    void restartWithTheSameStateDirectoryResumesWithoutSnapshotAndDeliversTheDowntimeChangeOnce() {
        List<CapturedRecord> firstRun = new CopyOnWriteArrayList<>();
        try (DebeziumCapture capture = DebeziumCapture.start(config(), firstRun::add)) {
            await().atMost(WAIT).until(() -> firstRun.size() == 2);
        }
        insert(3, "Made while the runner was down", "10.00");

        List<CapturedRecord> secondRun = new CopyOnWriteArrayList<>();
        try (DebeziumCapture capture = DebeziumCapture.start(config(), secondRun::add)) {
            // a later change marks the end: the binlog is read in order, so all before it has arrived
            insert(4, "Made after the restart", "20.00");
            await().atMost(WAIT).until(() -> events(secondRun).stream().anyMatch(e -> e.id() == 4L));
        }

        assertThat(events(secondRun)).extracting(Event::op, Event::id).containsExactly(tuple("c", 3L), tuple("c", 4L));
    }

    @Test
    void aFailingSinkStopsTheEngineAndTheErrorIsReported() {
        DebeziumCapture capture = DebeziumCapture.start(config(), record -> {
            throw new IOException("broker unreachable");
        });

        await().atMost(WAIT).until(() -> capture.failure().isPresent());
        assertThat(capture.failure().get()).hasRootCauseMessage("broker unreachable");
        assertThatThrownBy(capture::close).hasMessageContaining("broker unreachable");
    }

    @Test
    void startReportsTheEngineErrorWhenTheSourceCannotBeReached() throws IOException {
        Properties config = config();
        try (ServerSocket unusedPort = new ServerSocket(0)) {
            config.setProperty("database.port", Integer.toString(unusedPort.getLocalPort()));
        }

        assertThatThrownBy(() -> DebeziumCapture.start(config, record -> { }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("did not start")
                .hasMessageContaining("database.hostname: Unable to connect");
    }

    private Properties config() {
        Properties config = DebeziumCapture.config("test", server, database, state);
        config.setProperty("table.include.list", database + ".listings");
        config.setProperty("converter.schemas.enable", "false");
        return config;
    }

    private void insert(long id, String title, String price) {
        server.execute("INSERT INTO `" + database + "`.listings"
                + " (id, seller_id, title, category, city, price, currency, status, created_at, updated_at)"
                + " VALUES (" + id + ", 1001, '" + title.replace("'", "''") + "', 'Emlak', 'İstanbul', " + price
                + ", 'TRY', 'ACTIVE', '2026-11-21 10:15:30.123456', '2026-11-21 10:15:30.123456')");
    }

    /** A record decoded far enough to assert on: op is Debezium's code, or "tombstone" for a null value. */
    private record Event(String destination, String op, Long id, JsonNode value) {
    }

    private static List<Event> events(List<CapturedRecord> records) {
        return records.stream().map(r -> {
            Long id = r.key() == null ? null : JSON.readTree(r.key()).get("id").asLong();
            if (r.value() == null) {
                return new Event(r.destination(), "tombstone", id, null);
            }
            JsonNode value = JSON.readTree(r.value());
            return new Event(r.destination(), value.get("op").asString(), id, value);
        }).toList();
    }
}
