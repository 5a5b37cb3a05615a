package dev.cdcsink.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.cdcsink.change.KafkaCoordinates;
import dev.cdcsink.change.RowChange;
import dev.cdcsink.devstack.DebeziumCapture.CapturedRecord;
import dev.cdcsink.event.ChangeEventParser;
import dev.cdcsink.event.ParseResult;
import dev.cdcsink.support.MariaDbServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Changes of one source table as the real Debezium engine captures them from the MariaDB binlog,
 * for tests that apply them: the rows existing at start (snapshot reads), then a script run on one
 * connection (so a transaction in it is one source transaction) that ends by inserting a marker row.
 */
final class CapturedChanges {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(60);

    private CapturedChanges() {
    }

    /**
     * Captures {@code table} of {@code database}, which holds {@code existingRows} rows: their
     * snapshot reads, then what {@code script} changes, up to the insert of the row with key id {@code marker}.
     */
    static List<CapturedRecord> capture(MariaDbServer server, String database, String table, int existingRows,
            long marker, String... script) throws SQLException {
        return capture(server, database, table, Map.of(), existingRows, marker, script);
    }

    /** As above, with connector settings of the test's own (e.g. {@code database.connectionTimeZone}). */
    static List<CapturedRecord> capture(MariaDbServer server, String database, String table,
            Map<String, String> settings, int existingRows, long marker, String... script) throws SQLException {
        List<CapturedRecord> records = new CopyOnWriteArrayList<>();
        Properties config;
        try {
            config = DebeziumCapture.config(database, server, database, Files.createTempDirectory("captured-changes"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        config.setProperty("table.include.list", database + "." + table);
        config.putAll(settings);
        try (DebeziumCapture capture = DebeziumCapture.start(config, records::add)) {
            await().atMost(WAIT).until(() -> records.size() == existingRows);
            execute(server, database, script);
            await().atMost(WAIT).until(() -> records.stream().anyMatch(r -> id(r) == marker));
        }
        return List.copyOf(records);
    }

    /** Runs the statements on one connection. */
    static void execute(MariaDbServer server, String database, String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(database), server.username(),
                server.password()); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** The records parsed in capture order, each on the partition its key hashes to (as a producer places it); tombstones skipped. */
    static List<RowChange> parse(List<CapturedRecord> records, ChangeEventParser parser, String topic, int partitions) {
        Map<Integer, Long> nextOffsets = new HashMap<>();
        List<RowChange> changes = new ArrayList<>();
        for (CapturedRecord record : records) {
            int partition = Math.floorMod(record.key().hashCode(), partitions);
            long offset = nextOffsets.merge(partition, 1L, Long::sum) - 1;
            ParseResult result = parser.parse(new KafkaCoordinates(topic, partition, offset, 0),
                    record.key().getBytes(StandardCharsets.UTF_8),
                    record.value() == null ? null : record.value().getBytes(StandardCharsets.UTF_8));
            if (result instanceof ParseResult.Change change) {
                changes.add(change.change());
            } else {
                assertThat(result).isInstanceOf(ParseResult.Tombstone.class);
            }
        }
        return changes;
    }

    /** Debezium's op of the record, or "tombstone". */
    static String op(CapturedRecord record) {
        return record.value() == null ? "tombstone" : JSON.readTree(record.value()).get("payload").get("op").asString();
    }

    /** The {@code id} of the record's key. */
    static long id(CapturedRecord record) {
        return record.key() == null ? -1 : JSON.readTree(record.key()).path("payload").path("id").asLong();
    }
}
